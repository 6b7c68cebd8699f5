import { describe, expect, it } from 'vitest';
import { matchesFilter, sortedOrgs, visibleOrgs } from '../../src/renderer/src/lib/utils/org-filter';
import { tabsThatFit } from '../../src/renderer/src/lib/components/tab-overflow';

const org = (name: string, label = name.toLowerCase().replace(/\W+/g, '-')) => ({ name, label });

describe('the sidebar order and filter', () => {
  it('sorts by name regardless of case and accents, numbers as numbers', () => {
    const names = ['globex', 'Acme 10', 'Ëmber', 'acme 9', 'Initech', 'Zeta'].map((name) => org(name));
    expect(sortedOrgs(names).map((o) => o.name)).toEqual(['acme 9', 'Acme 10', 'Ëmber', 'globex', 'Initech', 'Zeta']);
  });

  it('finds the text in the name or the label, ignoring case and accents; nothing typed shows all', () => {
    const ember = org('Ëmber Works', 'ember-prod');
    expect(matchesFilter(ember, 'ember')).toBe(true);
    expect(matchesFilter(ember, '  WORKS ')).toBe(true);
    expect(matchesFilter(ember, 'prod')).toBe(true);
    expect(matchesFilter(ember, 'globex')).toBe(false);
    expect(matchesFilter(ember, '   ')).toBe(true);
    const all = [org('Globex Research'), org('Acme Robotics'), org('Umbrella Health', 'acme-health')];
    expect(visibleOrgs(all, 'acme').map((o) => o.name)).toEqual(['Acme Robotics', 'Umbrella Health']);
  });
});

describe('tabs that fit the strip', () => {
  const tabs = ['a', 'b', 'c', 'd', 'e'].map((key) => ({ key }));

  it('shows them all when they fit, else as many as fit beside the menu button', () => {
    expect(tabsThatFit(tabs, tabs[0]!, 1000, 160, 90)).toHaveLength(5);
    expect(tabsThatFit(tabs, tabs[0]!, 600, 160, 90).map((t) => t.key)).toEqual(['a', 'b', 'c']);
    expect(tabsThatFit(tabs, null, 100, 160, 90).map((t) => t.key)).toEqual(['a']);
  });

  it('always shows the front tab, in the last place when it would be left out', () => {
    expect(tabsThatFit(tabs, tabs[4]!, 600, 160, 90).map((t) => t.key)).toEqual(['a', 'b', 'e']);
  });
});
