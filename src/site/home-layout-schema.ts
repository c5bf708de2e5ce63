/**
 * What each home layout setting may hold, as JSON Schema: the settings API
 * checks saved values with it and the home page's preview its unsaved ones.
 */
export const homeLayoutSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    homeSections: { type: 'array', maxItems: 30, uniqueItems: true, items: { type: 'string', pattern: '^[a-z0-9-]{1,60}$' } },
    homeArticlesPerCategory: { type: 'integer', minimum: 1, maximum: 30 },
    homeCarouselFrames: { type: 'integer', minimum: 0, maximum: 8 },
    homeHeadlineCount: { type: 'integer', minimum: 0, maximum: 20 },
    homeRecommendedCount: { type: 'integer', minimum: 0, maximum: 20 },
    homeRanking: { type: 'string', enum: ['off', 'day', 'week'] },
    homeRankingCount: { type: 'integer', minimum: 3, maximum: 20 },
  },
} as const;

