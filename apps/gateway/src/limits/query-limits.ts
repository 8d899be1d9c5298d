import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Bounds on one request, against abuse. Each refusal names the limit and the value found. */
export const QUERY_LIMITS = {
  maxDepth: 15,
  maxAliases: 30,
  /** Selected fields in the whole document, list items not multiplied: a cheap, predictable cost. */
  maxCost: 500,
  maxSubscriptionsPerConnection: 20,
  maxPayloadBytes: 64 * 1024,
  connectionInitTimeoutMs: 5000,
  /** Wall-clock time one HTTP request may take from its start (after authentication) to its answer. */
  requestTimeBudgetMs: 10_000,
} as const;

/**
 * The depth of each operation, in one pass over the document: a fragment's depth is measured once and
 * remembered, however many times it is spread, so the work grows with the document's size, not with the
 * number of paths through its fragments (fragments that each spread the next twice would otherwise take
 * 2^n steps). A fragment spread inside itself, directly or through others, counts nothing more on the way
 * round: `NoFragmentCyclesRule` refuses such a document anyway.
 */
export class DocumentDepth {
  private readonly fragmentDepths = new Map<string, number>();
  private readonly measuring = new Set<string>();

  constructor(private readonly fragment: (name: string) => FragmentDefinitionNode | null | undefined) {}

  of(selectionSet: SelectionSetNode | undefined): number {
    if (selectionSet === undefined) {
      return 0;
    }
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        deepest = Math.max(deepest, 1 + this.of(selection.selectionSet));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, this.of(selection.selectionSet));
      } else {
        deepest = Math.max(deepest, this.ofFragment(selection.name.value));
      }
    }
    return deepest;
  }

  private ofFragment(name: string): number {
    const known = this.fragmentDepths.get(name);
    if (known !== undefined) {
      return known;
    }
    const fragment = this.fragment(name);
    if (fragment === null || fragment === undefined || this.measuring.has(name)) {
      return 0;
    }
    this.measuring.add(name);
    const depth = this.of(fragment.selectionSet);
    this.measuring.delete(name);
    this.fragmentDepths.set(name, depth);
    return depth;
  }
}

export function depthLimitRule(context: ValidationContext): ASTVisitor {
  const depths = new DocumentDepth((name) => context.getFragment(name));
  return {
    OperationDefinition(node) {
      const depth = depths.of(node.selectionSet);
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

const LIMIT_CODES: ReadonlySet<unknown> = new Set(['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'QUERY_TOO_COSTLY']);

/**
 * Apollo Server answers every validation error over HTTP with the code GRAPHQL_VALIDATION_FAILED; this
 * `formatError` gives a limit's refusal its own code back (graphql-ws reports it unchanged already).
 */
export function formatLimitError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const code = original instanceof GraphQLError ? original.extensions.code : undefined;
  return LIMIT_CODES.has(code) ? { ...formatted, extensions: { ...formatted.extensions, code } } : formatted;
}
