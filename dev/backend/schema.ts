/**
 * The collection schema the backend keeps, in Weaviate's terms: primitive data types by their schema names,
 * a reference property as "cref" with its target collections, text tokenization, nested properties, and the
 * vector indexes ("" is the unnamed legacy vector; other keys are named vectors).
 */
export type Tokenization = "word" | "lowercase" | "whitespace" | "field";

export type DataType =
  | "text"
  | "text[]"
  | "int"
  | "int[]"
  | "number"
  | "number[]"
  | "boolean"
  | "boolean[]"
  | "date"
  | "date[]"
  | "uuid"
  | "uuid[]"
  | "geoCoordinates"
  | "phoneNumber"
  | "blob"
  | "object"
  | "object[]"
  | "cref";

export interface PropertySchema {
  name: string;
  dataType: DataType;
  /** For "cref": the collections the reference may point to. */
  targetCollections?: string[];
  /** For text and text[]; Weaviate's default is "word". */
  tokenization?: Tokenization;
  /** For object and object[]. */
  nestedProperties?: PropertySchema[];
}

export interface VectorSchema {
  multi: boolean;
  /** Fixed by the first vector stored, as Weaviate's vector index does. */
  dimensions?: number;
}

export interface CollectionSchema {
  name: string;
  multiTenancy: boolean;
  properties: PropertySchema[];
  vectors: Map<string, VectorSchema>;
}

/** Weaviate uppercases the first letter of a collection name on write and read (schema.UppercaseClassName). */
export function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Property names are looked up with their first letter lowercased (schema.LowercaseFirstLetter). */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function isArrayType(dataType: DataType): boolean {
  return dataType.endsWith("[]");
}

/** The element type of an array type, or the type itself. */
export function baseType(dataType: DataType): DataType {
  return (isArrayType(dataType) ? dataType.slice(0, -2) : dataType) as DataType;
}

export function isTextual(dataType: DataType): boolean {
  return dataType === "text" || dataType === "text[]";
}

export function findProperty(
  properties: readonly PropertySchema[],
  name: string,
): PropertySchema | undefined {
  const wanted = lowerFirst(name);
  return properties.find((p) => p.name === wanted);
}

/** Weaviate's ErrorNoSuchProperty (entities/schema/errors.go). */
export function noSuchPropertyMessage(name: string, collection: string): string {
  return `no such prop with name '${name}' found in class '${collection}' in the schema. Check your schema files for which properties in this class are available`;
}

/** The legacy (unnamed) vector index is used when the collection has one, or has no named vectors at all. */
export function hasLegacyVector(schema: CollectionSchema): boolean {
  return schema.vectors.has("") || schema.vectors.size === 0;
}

export function namedVectors(schema: CollectionSchema): string[] {
  return [...schema.vectors.keys()].filter((name) => name !== "");
}
