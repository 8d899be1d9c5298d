import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';

/** Bounds on one request, against abuse. Each refusal names the limit and the value found. */
export const QUERY_LIMITS = {
  maxDepth: 15,
  maxAliases: 30,
  /** Selected fields in the whole document, list items not multiplied: a cheap, predictable cost. */
  maxCost: 500,
  maxSubscriptionsPerConnection: 20,
  maxPayloadBytes: 64 * 1024,
  connectionInitTimeoutMs: 5000,
} as const;

function depthOf(selectionSet: SelectionSetNode | undefined, context: ValidationContext, seen: Set<string>): number {
  if (selectionSet === undefined) {
    return 0;
  }
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, context, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, context, seen));
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      if (fragment !== null && fragment !== undefined && !seen.has(name)) {
        deepest = Math.max(deepest, depthOf(fragment.selectionSet, context, new Set([...seen, name])));
      }
    }
  }
  return deepest;
}

export function depthLimitRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const depth = depthOf(node.selectionSet, context, new Set());
      if (depth > QUERY_LIMITS.maxDepth) {
        context.reportError(
          new GraphQLError(`Query is ${depth} levels deep; the limit is ${QUERY_LIMITS.maxDepth}`, {
            nodes: [node],
            extensions: { code: 'QUERY_TOO_DEEP' },
          }),
        );
      }
    },
  };
}

export function aliasAndCostLimitRule(context: ValidationContext): ASTVisitor {
  let aliases = 0;
  let fields = 0;
  return {
    Field(node) {
      fields += 1;
      if (node.alias !== undefined) {
        aliases += 1;
      }
    },
    Document: {
      leave() {
        if (aliases > QUERY_LIMITS.maxAliases) {
          context.reportError(
            new GraphQLError(`Query uses ${aliases} aliases; the limit is ${QUERY_LIMITS.maxAliases}`, {
              extensions: { code: 'TOO_MANY_ALIASES' },
            }),
          );
        }
        if (fields > QUERY_LIMITS.maxCost) {
          context.reportError(
            new GraphQLError(`Query selects ${fields} fields; the limit is ${QUERY_LIMITS.maxCost}`, {
              extensions: { code: 'QUERY_TOO_COSTLY' },
            }),
          );
        }
      },
    },
  };
}

export const LIMIT_RULES = [depthLimitRule, aliasAndCostLimitRule];
