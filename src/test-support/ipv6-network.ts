import { randomBytes } from 'node:crypto';

const group = () => randomBytes(2).toString('hex');

/**
 * A client holding a whole IPv6 /64, as a home line or a cheap server does:
 * each call gives another address of it. The network (in 2001:db8::/32, the
 * documentation range) is random, so no other test, nor an earlier run
 * sharing a Redis, sends from it.
 */
export function ipv6Network(): () => string {
  const network = `2001:db8:${group()}:${group()}`;
  let serial = 0;
  return () => `${network}:${group()}:${group()}:${group()}:${(++serial).toString(16)}`;
}
