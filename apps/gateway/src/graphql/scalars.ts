import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { containerNoProblem, LOCODE_SHAPE } from '@mmt/contracts';

/**
 * A value a scalar refused. Thrown as a GraphQLError so that graphql-js reports its message as it is (for a value
 * written in the query) or after the variable's name (for a variable); `formatInputError` gives it its code back.
 */
export class ScalarValueError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

/**
 * A string scalar whose input is checked (and cleaned) once, here, before any resolver runs; output is
 * served as stored. `check` answers the clean value, or throws ScalarValueError. Described in schema.graphql.
 */
function checkedString(name: string, check: (value: string) => string): GraphQLScalarType {
  const parse = (value: unknown): string => {
    if (typeof value !== 'string') {
      throw new ScalarValueError(`${name} is a string, not ${JSON.stringify(value) ?? String(value)}`);
    }
    return check(value);
  };
  return new GraphQLScalarType({
    name,
    serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
    parseValue: parse,
    parseLiteral: (node: ValueNode) => {
      if (node.kind !== Kind.STRING) {
        throw new ScalarValueError(`${name} is a string, not ${node.kind === Kind.NULL ? 'null' : node.kind}`);
      }
      return parse(node.value);
    },
  });
}

/** An ISO 6346 container number; blanks around it and lower case are accepted (the number is cleaned first). */
export const ContainerNumberScalar = checkedString('ContainerNumber', (value) => {
  const cleaned = value.trim().toUpperCase();
  const problem = containerNoProblem(cleaned);
  if (problem !== undefined) {
    throw new ScalarValueError(problem);
  }
  return cleaned;
});

export const LocodeScalar = checkedString('Locode', (value) => {
  if (!LOCODE_SHAPE.test(value)) {
    throw new ScalarValueError(`Not a UN/LOCODE (5 characters, e.g. CNQZH): ${JSON.stringify(value)}`);
  }
  return value;
});

/** Offset required: a time without one would be read in the server's zone, which the caller cannot know. */
const WITH_OFFSET = /([+-]\d{2}:\d{2}|Z)$/;

export const DateTimeScalar = checkedString('DateTime', (value) => {
  if (!WITH_OFFSET.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ScalarValueError(`"${value}" is not an ISO 8601 date-time with an offset`);
  }
  return value;
});

/**
 * Only the functions: graphql-tools copies every property of a scalar resolver onto the schema's type, so a
 * GraphQLScalarType would replace the description that schema.graphql gives.
 */
const behaviourOf = ({ serialize, parseValue, parseLiteral }: GraphQLScalarType) => ({
  serialize,
  parseValue,
  parseLiteral,
});

/** The schema's scalars, for the GraphQL server's resolvers. */
export const SCALARS = {
  ContainerNumber: behaviourOf(ContainerNumberScalar),
  Locode: behaviourOf(LocodeScalar),
  DateTime: behaviourOf(DateTimeScalar),
} as const;
