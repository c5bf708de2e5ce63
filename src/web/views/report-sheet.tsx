import { Fragment, jsx, renderedOnce } from '../../lib/jsx.js';
import { REPORT_NOTE_MAX_LENGTH, REPORT_REASONS } from '../../reports/index.js';
import { ui } from '../messages.js';

/**
 * 举报 without typing: a bottom sheet the page's script opens for an article
 * or a comment. A modal <dialog> keeps focus inside, closes on Escape and
 * gives focus back; each reason is a button at thumb's reach that sends the
 * report with the optional note above it.
 */
export const ReportSheet = renderedOnce(() => (
  <>
    <dialog class="sheet" data-report-sheet aria-labelledby="report-title">
      <form method="dialog" class="sheet__box">
        <h2 id="report-title">{ui.reportTitle}</h2>
        <label for="report-note">{ui.reportNoteLabel}</label>
        <textarea id="report-note" name="note" rows={2} data-counter="report-note-counter" data-max-length={REPORT_NOTE_MAX_LENGTH} />
        <span id="report-note-counter" class="comment-form__counter" aria-live="polite">
          0/{REPORT_NOTE_MAX_LENGTH}
        </span>
        <fieldset class="sheet__reasons">
          <legend>{ui.reportPrompt}</legend>
          {/* Focus starts on the first reason, not the note: on a phone the keyboard stays down until the reader wants it. */}
          {REPORT_REASONS.map((reason, i) => (
            <button key={reason} type="submit" name="reason" value={reason} class="button" autoFocus={i === 0}>
              {ui.reportReasons[reason]}
            </button>
          ))}
        </fieldset>
        <p class="sheet__status" role="status" data-report-status />
        <p class="sheet__foot">
          <small>{ui.reportNational12377}</small>
          <button type="submit" value="" class="button" data-action="close-report">
            {ui.cancel}
          </button>
        </p>
      </form>
    </dialog>
    <p class="toast" role="status" data-toast data-report-done={ui.reportDone} />
  </>
));
