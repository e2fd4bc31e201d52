import type {
  MetadataRequest,
  ObjectPropertiesRequest,
  PropertiesRequest,
} from "../../src/gen/v1/search_get.js";
import { allNested, type Selected } from "./reply-values.js";
import {
  type CollectionSchema,
  findProperty,
  lowerFirst,
  noSuchPropertyMessage,
  upperFirst,
} from "./schema.js";
import type { Store } from "./store.js";

/** A reference property to return, with what to return from the referenced objects. */
export interface RefSelection {
  name: string;
  /** Only references into this collection (required for multi-target references). */
  targetCollection: string;
  schema: CollectionSchema;
  properties: Selected[];
  refs: RefSelection[];
  metadata?: MetadataRequest;
}

export interface Selection {
  properties: Selected[];
  refs: RefSelection[];
}

/**
 * PropertiesRequest → what to return, as Weaviate's `extractPropertiesRequest`: unset or
 * `return_all_nonref_properties` means every non-reference, non-blob property; otherwise only the listed
 * ones (a listed object property returns all its nested properties), plus `object_properties` with their
 * chosen nested properties and `ref_properties`. Names get their first letter lowercased.
 */
export function selectProperties(
  request: PropertiesRequest | undefined,
  schema: CollectionSchema,
  store: Store,
): Selection {
  if (!request) return { properties: allProperties(schema), refs: [] };
  const properties: Selected[] = [];
  if (request.returnAllNonrefProperties) properties.push(...allProperties(schema));
  else {
    for (const raw of request.nonRefProperties ?? []) {
      const name = lowerFirst(raw);
      const prop = findProperty(schema.properties, name);
      if (!prop) {
        throw new Error(
          `extract properties request: get property by name ${name} for class ${schema.name}: ${noSuchPropertyMessage(name, schema.name)}`,
        );
      }
      properties.push(prop.nestedProperties ? { name, nested: allNested(prop.nestedProperties) } : { name });
    }
  }
  properties.push(...(request.objectProperties ?? []).map(nestedSelection));
  const refs = (request.refProperties ?? []).map((ref): RefSelection => {
    const name = lowerFirst(ref.referenceProperty ?? "");
    const prop = findProperty(schema.properties, name);
    if (!prop) throw new Error(noSuchPropertyMessage(name, schema.name));
    const targets = prop.targetCollections ?? [];
    let targetCollection = targets[0] ?? "";
    if (targets.length > 1) {
      if (!ref.targetCollection) {
        throw new Error(
          `multi target references from collection ${schema.name} and property ${ref.referenceProperty} with need an explicitlinked collection. Available linked collections are [${targets.join(" ")}]`,
        );
      }
      targetCollection = upperFirst(ref.targetCollection);
    }
    const target = store.get(targetCollection);
    if (!target) throw new Error(`could not find class ${targetCollection} in schema`);
    const inner = selectProperties(ref.properties, target.schema, store);
    return { name, targetCollection, schema: target.schema, ...inner, metadata: ref.metadata };
  });
  return { properties, refs };
}

/** Every non-reference, non-blob property (search.AllNonRefNonBlobProperties). */
function allProperties(schema: CollectionSchema): Selected[] {
  return schema.properties
    .filter((p) => p.dataType !== "cref" && p.dataType !== "blob")
    .map((p) =>
      p.nestedProperties ? { name: p.name, nested: allNested(p.nestedProperties) } : { name: p.name },
    );
}

function nestedSelection(request: ObjectPropertiesRequest): Selected {
  return {
    name: lowerFirst(request.propName ?? ""),
    nested: [
      ...(request.primitiveProperties ?? []).map((name) => ({ name: lowerFirst(name) })),
      ...(request.objectProperties ?? []).map(nestedSelection),
    ],
  };
}
