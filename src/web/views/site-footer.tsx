import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import { Image } from './image.js';
import type { SiteChromeData } from './page-model.js';
import { PoliceBadge } from './police-badge.js';

/** The filing systems the footer links to, as the filing rules require. */
const MIIT_FILING_URL = 'https://beian.miit.gov.cn/';
const MPS_RECORD_URL = (code: string) => `https://beian.mps.gov.cn/#/query/webSearch?code=${encodeURIComponent(code)}`;
const NATIONAL_REPORT_URL = 'https://www.12377.cn/';
const QQ_CHAT_URL = (qq: string) => `https://wpa.qq.com/msgrd?v=3&uin=${encodeURIComponent(qq)}&site=qq&menu=yes`;

export function SiteFooter({ chrome }: { chrome: SiteChromeData }) {
  const s = chrome.settings;
  return (
    <footer class="site-footer">
      <CustomerService chrome={chrome} />
      <div class="legal">
        <p>
          © {chrome.copyrightYears} {s.siteDomain && <span>{s.siteDomain} </span>}
          {ui.allRightsReserved} {s.copyrightHolder && <span>{s.copyrightHolder}{ui.copyrightOwned}</span>}
        </p>
        {(s.contactEmail || s.legalCounsel) && (
          <p>
            {s.contactEmail && (
              <span class="legal__item">
                {ui.email} <a href={`mailto:${s.contactEmail}`}>{s.contactEmail}</a>
              </span>
            )}
            {s.legalCounsel && (
              <span class="legal__item">
                {ui.legalCounsel}
                {s.legalCounsel}
              </span>
            )}
          </p>
        )}
        <p>
          {s.publicSecurityFilingNumber && (
            <a class="legal__item" href={MPS_RECORD_URL(s.publicSecurityFilingCode)} rel="noopener" target="_blank">
              <PoliceBadge />
              {s.publicSecurityFilingNumber}
            </a>
          )}
          {s.icpNumber && (
            <a class="legal__item" href={MIIT_FILING_URL} rel="noopener" target="_blank">
              {s.icpNumber}
            </a>
          )}
          {s.telecomLicence && (
            <span class="legal__item">
              {ui.telecomLicence}
              {s.telecomLicence}
            </span>
          )}
        </p>
        <p class="report" id="report-contacts">
          <span class="legal__item">{ui.reportHeading}：</span>
          <a class="legal__item" href={NATIONAL_REPORT_URL} rel="noopener" target="_blank">
            {ui.reportNational} 12377
          </a>
          {s.reportPhone && (
            <span class="legal__item">
              {ui.reportSitePhone}
              <a href={`tel:${s.reportPhone}`}>{s.reportPhone}</a>
            </span>
          )}
          {s.reportEmail && (
            <span class="legal__item">
              {ui.reportSiteEmail}
              <a href={`mailto:${s.reportEmail}`}>{s.reportEmail}</a>
            </span>
          )}
        </p>
      </div>
    </footer>
  );
}

function CustomerService({ chrome }: { chrome: SiteChromeData }) {
  const s = chrome.settings;
  const hasAny = s.servicePhone || s.serviceHours || s.serviceQq || s.wechatOfficialAccountName || chrome.wechatQr || chrome.serviceQr;
  if (!hasAny) return null;
  return (
    <section class="service" aria-labelledby="service-heading">
      <h2 id="service-heading" class="visually-hidden">
        {ui.contactUs}
      </h2>
      <dl class="service__contacts">
        {s.servicePhone && (
          <div>
            <dt>{ui.customerService}</dt>
            <dd>
              <a class="service__phone" href={`tel:${s.servicePhone}`}>
                {s.servicePhone}
              </a>
            </dd>
          </div>
        )}
        {s.serviceHours && (
          <div>
            <dt>{ui.workingHours}</dt>
            <dd>{s.serviceHours}</dd>
          </div>
        )}
        {s.serviceQq && (
          <div>
            <dt>{ui.serviceQq}</dt>
            <dd>
              <a href={QQ_CHAT_URL(s.serviceQq)} rel="noopener" target="_blank">
                {ui.qqChat}
              </a>
            </dd>
          </div>
        )}
      </dl>
      <div class="service__qrs">
        {(s.wechatOfficialAccountName || chrome.wechatQr) && (
          <figure>
            {chrome.wechatQr && <Image image={chrome.wechatQr} className="service__qr" sizes="96px" />}
            <figcaption>
              {ui.wechatOfficialAccount}
              {s.wechatOfficialAccountName && <strong> {s.wechatOfficialAccountName}</strong>}
            </figcaption>
          </figure>
        )}
        {chrome.serviceQr && (
          <figure>
            <Image image={chrome.serviceQr} className="service__qr" sizes="96px" />
            <figcaption>{ui.wechatServiceAccount}</figcaption>
          </figure>
        )}
      </div>
    </section>
  );
}
