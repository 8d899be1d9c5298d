import { TOPICS, TOPIC_SPECS, type TopicName } from '@mmt/contracts';
import type { TopicSpec } from './topics';

/**
 * The platform's topics under an optional namespace prefix. Production runs with none; tests give each run
 * its own prefix so that runs never read each other's messages. The payload type of each topic is unchanged.
 */
export class TopicNames {
  constructor(readonly prefix = '') {}

  name(topic: TopicName): string {
    return `${this.prefix}${topic}`;
  }

  /** The contract topic name of a namespaced one. */
  contractName(name: string): TopicName {
    const bare = name.startsWith(this.prefix) ? name.slice(this.prefix.length) : name;
    const known = Object.values(TOPICS).find((topic) => topic === bare);
    if (known === undefined) {
      throw new Error(`"${name}" is not a platform topic (prefix "${this.prefix}")`);
    }
    return known;
  }

  specs(): TopicSpec[] {
    return TOPIC_SPECS.map((spec) => ({ ...spec, name: this.name(spec.name) }));
  }
}
