import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import type { Journey } from '@mmt/contracts';

/** GraphQL fields of Journey that are read from other stored fields. */
const STORED_AS: Readonly<Record<string, readonly (keyof Journey)[]>> = { latestMovement: ['milestones'] };

function fieldsOf(
  selection: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  names: Set<string>,
  nodes: Map<string, FieldNode>,
): void {
  for (const node of selection?.selections ?? []) {
    if (node.kind === Kind.FIELD) {
      names.add(node.name.value);
      nodes.set(node.name.value, node);
    } else if (node.kind === Kind.INLINE_FRAGMENT) {
      fieldsOf(node.selectionSet, fragments, names, nodes);
    } else {
      fieldsOf(fragments[node.name.value]?.selectionSet, fragments, names, nodes);
    }
  }
}

/**
 * The stored journey fields a query's selection reads, so that a list or search fetches only those: the fields
 * selected on the query's journeys (under `under`, e.g. `nodes` of a connection), fragments included.
 */
export function selectedJourneyFields(info: GraphQLResolveInfo, under?: string): (keyof Journey)[] {
  let selections = info.fieldNodes.map((node) => node.selectionSet);
  if (under !== undefined) {
    selections = selections.map((selection) => {
      const nodes = new Map<string, FieldNode>();
      fieldsOf(selection, info.fragments, new Set(), nodes);
      return nodes.get(under)?.selectionSet;
    });
  }
  const names = new Set<string>();
  selections.forEach((selection) => fieldsOf(selection, info.fragments, names, new Map()));
  names.delete('__typename');
  return [...names].flatMap((name) => STORED_AS[name] ?? [name as keyof Journey]);
}
