export { nicknameLength, normalizePhone, type Reader } from './reader.js';
export { findReader, markNotificationsSeen } from './reader-repo.js';
export { ConsoleSmsProvider, type SmsProvider, type SmsSendFailure } from './sms-provider.js';
export {
  endAllReaderSessions,
  endReaderSession,
  findReaderBySessionToken,
  READER_SESSION_DAYS,
  requestSmsCode,
  signInReader,
  SMS_POLICY,
} from './sms-sign-in.js';
export { NICKNAME_CHANGES_PER_DAY, setNickname } from './set-nickname.js';
