/** Union-find over document keys: documents named together on one event belong to the same trip. */
export class DocumentGroups {
  private readonly parent = new Map<string, string>();

  add(key: string): void {
    if (!this.parent.has(key)) {
      this.parent.set(key, key);
    }
  }

  /** The representative of the group `key` is in (`key` itself if it was never joined to anything). */
  groupOf(key: string): string {
    let root = key;
    let next = this.parent.get(root);
    while (next !== undefined && next !== root) {
      root = next;
      next = this.parent.get(root);
    }
    this.parent.set(key, root);
    return root;
  }

  join(keys: readonly string[]): void {
    keys.forEach((key) => this.add(key));
    for (let i = 1; i < keys.length; i += 1) {
      const a = this.groupOf(keys[0]);
      const b = this.groupOf(keys[i]);
      if (a !== b) {
        this.parent.set(a < b ? b : a, a < b ? a : b);
      }
    }
  }
}
