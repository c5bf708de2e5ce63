import type { MediaUse } from '../media/index.js';
import { imageSettingName } from './image-setting-names.js';
import { TOPIC_PLACE_NAMES } from './topic-place-names.js';

/**
 * Where an image is used, as one phrase for the refusal to delete it:
 * '2 篇文章、专题「端午龙舟赛」的头图、广告「春季车展」、站点设置的网站标志（Logo）、水印图片'.
 */
export function mediaUsesPhrase(uses: readonly MediaUse[]): string {
  const articles = uses.filter((use) => use.kind === 'article').length;
  const settings = uses.flatMap((use) => (use.kind === 'setting' ? [imageSettingName(use.setting)] : []));
  return [
    ...(articles > 0 ? [`${articles} 篇文章`] : []),
    ...uses.flatMap((use) => (use.kind === 'topic' ? [`专题「${use.title}」的${use.places.map((p) => TOPIC_PLACE_NAMES[p]).join('和')}`] : use.kind === 'ad' ? [`广告「${use.title}」`] : [])),
    ...(settings.length > 0 ? [`站点设置的${settings.join('、')}`] : []),
  ].join('、');
}
