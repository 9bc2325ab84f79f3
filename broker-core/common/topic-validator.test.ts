import { describe, expect, it } from 'vitest';
import { groupNameProblem, topicNameProblem } from './topic-validator';

describe('topic and group name remarks', () => {
  // Upstream's exact texts: tools match on them.
  it('words each problem as Java TopicValidator does', () => {
    expect(topicNameProblem(' ')).toBe('The specified topic is blank.');
    expect(topicNameProblem('a b')).toBe('The specified topic[a b] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$');
    expect(topicNameProblem('t'.repeat(128))).toBe('The specified topic is longer than topic max length 127.');
    expect(topicNameProblem('%RETRY%G_1|x')).toBeUndefined();
    expect(groupNameProblem(undefined)).toBe('The specified group is blank.');
    expect(groupNameProblem('g!')).toBe('The specified group[g!] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$');
    expect(groupNameProblem('g'.repeat(256))).toBe('The specified group is longer than group max length 255.');
    expect(groupNameProblem('g'.repeat(255))).toBeUndefined();
  });
});
