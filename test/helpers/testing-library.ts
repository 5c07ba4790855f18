/**
 * Waiting helpers (`waitFor`, `findBy…`) give up after 10 s instead of 1 s: the suites run in
 * parallel forks beside real servers and Chromium, and a loaded machine is slow, not broken.
 */
import { configure } from '@testing-library/dom';

configure({ asyncUtilTimeout: 10_000 });
