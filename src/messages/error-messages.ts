// The catalogue of error messages, apart from web/ so the CLI and the pages share it. It
// sits above the domains, like app.ts, since some messages quote a domain's limits.
import { MAX_BODY_CHARS, MAX_BODY_TAGS } from '../content/index.js';
import type { ErrorCode } from '../lib/errors.js';
import { IMAGE_TIMEOUT_SECONDS, MAX_ANIMATION_FRAMES, MAX_ANIMATION_PIXELS } from '../media/index.js';

/** What a person reads when a request fails, by error code. */
export const errorMessages: Record<ErrorCode, string> = {
  'content.article_not_found': '文章不存在或已下架。',
  'content.category_not_found': '栏目不存在。',
  'content.title_required': '请填写标题。',
  'content.reprint_fields_required': '转载文章须注明来源和责任编辑。',
  'content.image_alt_required': '每张图片都需要填写图片说明（替代文字），方便视障读者理解。',
  'content.foreign_image': '正文中的图片「{image}」来自其他网站：读者打开文章时，该网站会得知读者的地址。请先把图片上传到本站，再插入正文。',
  'content.lead_image_not_found': '所选的题图（编号 {mediaId}）不存在，可能已被删除，请重新选择题图。',
  'content.article_not_editable': '这篇文章当前的状态下您不能修改，请联系审核人员。',
  'content.article_changed': '文章的状态刚刚被别人改变了，请刷新页面后再保存。',
  'content.body_too_long': `正文太长了（连同排版标记最多 ${MAX_BODY_CHARS / 10_000} 万个字符），请删减，或分成几篇发布。`,
  'content.body_too_many_tags': `正文的排版标记太多（最多 ${MAX_BODY_TAGS / 10_000} 万个标签），常见于从网页或 Word 粘贴带入的格式，请清除格式后再保存。`,
  'media.unsupported_image': '只支持 JPEG、PNG、WebP 和 GIF 图片，请换一个文件。',
  'media.too_large': '图片太大了，请压缩到规定大小以内再上传。',
  'media.not_found': '图片不存在。',
  'media.too_many_pixels': '图片尺寸太大了（超过 6700 万像素），请缩小后再上传。',
  'media.file_required': '请选择要上传的图片。',
  'media.alt_too_long': '图片说明最多 200 个字，请精简。',
  'media.too_many_frames': `动图最多 ${MAX_ANIMATION_FRAMES} 帧，请减少帧数后再上传。`,
  'media.animation_too_large': `动图太大了：宽×高×帧数最多 ${Math.round(MAX_ANIMATION_PIXELS / 10_000)} 万像素，请缩小尺寸或减少帧数后再上传。`,
  'media.too_slow': `图片处理超过 ${IMAGE_TIMEOUT_SECONDS} 秒，已停止，请缩小尺寸或减少动图帧数后再上传。`,
  'media.storage_unavailable': '图片存储暂时不可用，请稍后再试。',
  'site.page_not_found': '页面不存在。',
  'site.invalid_setting': '站点设置有误，请检查标出的项目。',
  'categories.slug_taken': '这个栏目地址已被使用，请换一个。',
  'categories.invalid_slug': '栏目地址只能用小写字母、数字和连字符，例如 local-news。',
  'categories.not_empty': '栏目里还有文章或子栏目，清空后才能删除。',
  'categories.too_deep': '栏目最多两级：子栏目下不能再建子栏目。',
  'auth.required': '请先登录。',
  'auth.bad_credentials': '用户名或密码不正确。',
  'auth.locked': '登录失败次数过多，账号已临时锁定，请稍后再试。',
  'auth.too_many_attempts': '这个网络地址登录失败次数过多，请稍后再试。',
  'auth.totp_required': '请输入身份验证器上的 6 位动态码。',
  'auth.bad_totp': '动态码不正确或已过期，请输入最新的 6 位动态码。',
  'auth.csrf': '页面已过期，请刷新后重试。',
  'auth.forbidden': '您的账号没有这项操作的权限。',
  'users.username_taken': '这个用户名已被使用。',
  'users.invalid_username': '用户名须以小写字母开头，只含小写字母、数字、点、下划线和连字符，2 到 32 位。',
  'users.weak_password': '密码须为 10 到 200 个字符。',
  'users.not_found': '账号不存在。',
  'users.last_admin': '这是最后一个可用的管理员账号，不能改为其他角色或停用。请先把另一个账号设为管理员。',
  'tokens.not_found': 'API 令牌不存在或已撤销。',
  'tokens.invalid_expiry': 'API 令牌的有效期须在 1 到 3650 天之间。',
  'tokens.session_required': '新建 API 令牌须在后台用密码登录后操作，不能用另一个令牌创建。',
  'workflow.illegal_transition': '文章当前的状态不能进行这项操作。',
  'workflow.reason_required': '请填写原因。',
  'workflow.own_article': '不能审核自己撰写的文章，请由其他审核人员审核。',
  'workflow.same_reviewer': '初审和终审须由不同的审核人员完成。',
  'workflow.version_required': '缺少稿件版本，请刷新页面，审阅后再操作。',
  'workflow.stale_version': '稿件在您打开后已被修改，请重新审阅。',
  'workflow.edited_since_submission': '您在送审后修改过这篇稿件，须由其他审核人员审核。',
  'readers.invalid_phone': '请输入正确的 11 位手机号码。',
  'readers.sms_too_soon': '验证码发送太频繁了，请稍后再试。',
  'readers.sms_too_many': '这个号码或网络今天获取验证码的次数太多，请一小时后再试。',
  'readers.bad_code': '验证码不正确或已过期，请重新获取。',
  'readers.sign_in_required': '请先用手机号登录。',
  'readers.banned': '您的账号因违反评论规则已被禁言。',
  'readers.invalid_nickname': '昵称须为 2 到 16 个字，且不能包含违规词语。',
  'readers.nickname_invisible_characters': '昵称里有看不见的控制字符（例如改变文字方向的符号），请删除后重新输入。',
  'comments.closed': '这篇文章暂不开放评论。',
  'comments.empty': '评论内容不能为空。',
  'comments.too_long': '评论最多 300 个字，请删减后再发。',
  'comments.too_fast': '评论发得太快了，请稍后再发。',
  'comments.blocked_words': '评论包含违规信息，请修改后再提交。',
  'comments.not_found': '评论不存在或已删除。',
  'comments.reply_not_found': '要回复的评论不存在或已删除。',
  'comments.already_reported': '您已经举报过这条评论，我们会尽快处理。',
  'comments.illegal_transition': '这条评论当前的状态不能进行这项操作。',
  'lexicon.invalid_entry': '词条有误：每行一个词，可在后面用制表符加上处理方式（reject 拒绝、hold 待审、mask 打码、flag 标记、allow 放行）和提示语；空词、未知处理方式、多余的栏和重复的词会被跳过。',
  'backup.dir_not_empty': '备份目录里已经有文件：请指定一个不存在的或空的目录，以免覆盖已有的备份。',
  'backup.not_a_backup': '这个目录不是完整的 bendi 备份：缺少或无法读取 manifest.json，请检查目录是否正确、备份是否做完。',
  'backup.no_database': '找不到要备份的数据库，请检查 DATA_DIR 或 DATABASE_URL 是否与网站所用的一致',
  'backup.checksum_mismatch': '备份文件已损坏或被改动过，校验和与 manifest.json 不符，不能用这个备份恢复',
  'backup.other_database_kind': '备份和目标数据库的种类不同（SQLite 与 PostgreSQL），不能直接恢复：请用与备份相同种类的数据库。',
  'backup.newer_schema': '这个备份来自更新版本的 bendi，当前版本不认识它的数据库结构：请先升级 bendi 再恢复。',
  'backup.target_not_empty': '目标数据库或媒体目录里已有内容：恢复只写入空的数据库，不会覆盖现有数据。请新建一个空数据库（或换一个新的 DATA_DIR）后再恢复。',
  'backup.media_in_object_storage': '图片保存在对象存储（S3_BUCKET）中，bendi 还不能备份存储桶：请用存储服务自带的版本控制或复制功能备份图片。',
  'backup.pg_tools_missing': '找不到 pg_dump 或 pg_restore：请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client）。',
  'backup.pg_tools_too_old': 'pg_dump / pg_restore 的版本低于数据库服务器：请安装与服务器主版本相同或更新的 PostgreSQL 客户端。',
  'request.invalid': '请求参数有误。',
  'request.method_not_allowed': '这个地址不支持这种请求方式，请按页面上的链接或按钮操作。',
  'request.unknown_field': '未知字段',
  'request.empty_change': '没有要修改的内容：请至少提交一个字段。',
};

/** The message for an error with its details filled in: '{image}' becomes details.image. */
export function errorMessageFor(code: ErrorCode, details: Record<string, unknown> | undefined): string {
  return errorMessages[code].replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = details?.[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : placeholder;
  });
}

/** The words around an error: an error page's title by the kind of failure, and messages for failures that carry no code of ours. */
export const errorPageText = {
  notFoundTitle: '页面不存在',
  notFoundBody: '您要找的页面不存在，或者文章已下架。',
  errorTitle: '出错了',
  errorBody: '服务器暂时无法处理这个请求，请稍后再试。',
  badRequestTitle: '请求有误',
  tooLarge: '提交的内容太大了，请缩小后再试。',
} as const;
