// The script of every admin page except the editor: each part looks for its own markers and does nothing without them.
import { initTotpSetup } from './account.js';
import { initApiForms, initSignOut } from './api-forms.js';
import { initTokenCreate } from './api-tokens.js';
import { initArticleBatch } from './article-batch.js';
import { initCommentModeration } from './comment-moderation.js';
import { initHomePreview } from './home-preview.js';
import { initImagePickers } from './image-picker.js';
import { initLexicon } from './lexicon.js';
import { initReviewBar } from './review.js';
import { initSignIn } from './sign-in.js';
import { initTopicEditor } from './topic-editor.js';
import { initWordpressImport } from './wordpress-import.js';

initSignOut();
initSignIn();
initApiForms();
initImagePickers();
initTotpSetup();
initTokenCreate();
initCommentModeration();
initArticleBatch();
initLexicon();
initReviewBar();
initTopicEditor();
initWordpressImport();
initHomePreview();
