export { isTopicVisible, isValidTopicSlug, type Topic, type TopicCard, type TopicImage, TOPIC_LIMITS, type TopicSection, type TopicStatus } from './topic.js';
export type { TopicFields } from './topic-fields.js';
export { findTopic, findTopicBySlug, listPickedArticles, listPublishedTopics, listTopicsForStaff, listTopicsOfArticle, replaceSections } from './topic-repo.js';
export { createTopic, deleteTopic, type NewTopicFields, type TopicChanges, updateTopic } from './edit-topics.js';
export { type TopicTransitionInput, transitionTopic } from './transition-topic.js';
export { HOME_TOPICS, homeTopics, listTopicArticles, type TopicSectionArticles } from './topic-articles.js';
