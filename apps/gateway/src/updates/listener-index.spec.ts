import { ListenerIndex } from './listener-index';

type Listener = { name: string; keys?: readonly string[] };

describe(ListenerIndex.name, () => {
  it('offers an item to the listeners of its key and to those without keys, each once', () => {
    const index = new ListenerIndex<Listener>();
    const all: Listener = { name: 'all' };
    const a: Listener = { name: 'a', keys: ['A', 'A', 'B'] };
    const c: Listener = { name: 'c', keys: ['C'] };
    const none: Listener = { name: 'none', keys: [] };
    [all, a, c, none].forEach((listener) => index.add(listener));
    const names = (key?: string) => [...index.candidates(key)].map((listener) => listener.name);
    expect([names('A'), names('B'), names('C'), names('D'), names()]).toEqual([
      ['all', 'a'],
      ['all', 'a'],
      ['all', 'c'],
      ['all'],
      ['all'],
    ]);
    expect(index.size).toBe(4);
  });

  it('forgets a removed listener, once however often it is removed', () => {
    const index = new ListenerIndex<Listener>();
    const remove = index.add({ name: 'a', keys: ['A'] });
    index.add({ name: 'b', keys: ['A'] });
    remove();
    remove();
    expect([...index.candidates('A')].map((listener) => listener.name)).toEqual(['b']);
    expect(index.size).toBe(1);
  });
});
