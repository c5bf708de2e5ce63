export { type ArticleReport, listOpenArticleReports, resolveArticleReport } from './article-report-queue.js';
export { REPORT_LIMITS, REPORT_NOTE_MAX_LENGTH, REPORT_REASONS, type ReportInput, type ReportReason } from './report.js';
export { reportArticle } from './report-article.js';
export { reportComment } from './report-comment.js';
