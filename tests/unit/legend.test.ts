import { describe, expect, it } from 'vitest';
import { Highlight, highlightClass } from '../../src/components/shared/legend';

describe('Highlight', () => {
  it('shows the run pointed at, else the pinned one', () => {
    const h = new Highlight();
    expect(h.apply({ key: '2' })).toBe(true);
    expect(h.current).toBe('2');
    expect(h.apply({ key: '3', pin: true })).toBe(true);
    expect([h.current, h.pinned]).toEqual(['3', '3']);
    h.apply({ key: '1' });
    expect(h.current).toBe('1');
    h.apply({ key: null });
    expect(h.current).toBe('3');
  });

  it('unpins on a second pin of the same run, and reports no change when nothing changes', () => {
    const h = new Highlight();
    h.apply({ key: '0', pin: true });
    expect(h.apply({ key: '0', pin: true })).toBe(true);
    expect([h.current, h.pinned]).toEqual([null, null]);
    expect(h.apply({ key: null })).toBe(false);
  });

  it('forgets runs that are gone', () => {
    const h = new Highlight();
    h.apply({ key: '4', pin: true });
    h.keep(['0', '1']);
    expect(h.current).toBeNull();
  });
});

describe('highlightClass', () => {
  it('dims the others only while a run is highlighted', () => {
    expect(highlightClass('1', null)).toBe('');
    expect(highlightClass('1', undefined)).toBe('');
    expect(highlightClass('1', '1')).toBe('hl');
    expect(highlightClass('2', '1')).toBe('dim');
  });
});
