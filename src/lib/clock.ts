/** The current time, passed in so tests can pin it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
