// bendi — the few things on a page that need JavaScript. Everything else works without it.
(function () {
  'use strict';

  // Counts as a person does: each Chinese character, letter or emoji is one.
  var segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter('zh', { granularity: 'grapheme' }) : null;
  function personLength(text) {
    if (segmenter) {
      var n = 0;
      for (var _ of segmenter.segment(text)) n++;
      return n;
    }
    return Array.from(text).length;
  }

  document.querySelectorAll('textarea[data-counter]').forEach(function (box) {
    var counter = document.getElementById(box.getAttribute('data-counter'));
    var max = Number(box.getAttribute('data-max-length')) || 300;
    if (!counter) return;
    function update() {
      var n = personLength(box.value);
      counter.textContent = n + '/' + max;
      counter.classList.toggle('is-over', n > max);
    }
    box.addEventListener('input', update);
    update();
  });

  // The share panel closes when the reader taps elsewhere or presses Escape.
  document.querySelectorAll('details.share').forEach(function (details) {
    document.addEventListener('click', function (event) {
      if (details.open && !details.contains(event.target)) details.open = false;
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && details.open) {
        details.open = false;
        details.querySelector('summary').focus();
      }
    });
  });
})();
