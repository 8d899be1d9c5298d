/**
 * What a resolver may answer for a generated schema type T: GraphQL serves a missing field as null, so a field
 * that may be null may also be left out or undefined (the domain's optional fields), and `__typename` is the
 * server's. Everything else must be there with the schema's type: a resolver whose answer drifts from
 * schema.graphql fails to compile.
 */
type Leaf = string | number | boolean;

type NullableKeys<T> = { [K in keyof T]-?: null extends T[K] ? K : never }[keyof T];
type RequiredKeys<T> = Exclude<keyof T, NullableKeys<T> | '__typename'>;

export type Served<T> = T extends Leaf
  ? T
  : T extends readonly (infer Item)[]
    ? readonly Served<Item>[]
    : { readonly [K in RequiredKeys<T>]: Served<T[K]> } & {
        readonly [K in Exclude<NullableKeys<T>, '__typename'>]?: Served<NonNullable<T[K]>> | null;
      };
