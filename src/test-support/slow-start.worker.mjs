// A worker module for the worker pool's tests that takes 1.5 s to load, as a module compiled
// through tsx does on a busy machine: a task's time bound must not count it.
const loadedBy = performance.now() + 1500;
while (performance.now() < loadedBy);

export const echo = (value) => value;
