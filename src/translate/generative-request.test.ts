import { describe, expect, it } from "vitest";
import { GenerativeProvider } from "../gen/v1/generative.js";
import { type FieldKind, PROVIDER_FIELDS, PROVIDER_NAMES } from "../schemas/generative.js";
import { toGenerativeSearch, toProviderOptions } from "./generative-request.js";

/** A JSON sample value for each kind of provider option. */
function sample(kind: FieldKind): unknown {
  if (Array.isArray(kind)) return kind[kind.length - 1];
  return { string: "s", number: 0.5, int: 7, boolean: true, texts: ["a", "b"] }[kind as string];
}

describe("the generative provider table", () => {
  it.each(PROVIDER_NAMES)("lists exactly the fields of the generated %s message", (name) => {
    const message = GenerativeProvider.fromPartial({ [name]: {} }) as unknown as Record<string, object>;
    expect(Object.keys(PROVIDER_FIELDS[name]).sort()).toEqual(Object.keys(message[name]).sort());
  });

  it.each(PROVIDER_NAMES)(
    "gives %s options the wire types the codec encodes and decodes unchanged",
    (name) => {
      const fields: Record<string, FieldKind> = PROVIDER_FIELDS[name];
      const json = Object.fromEntries(Object.entries(fields).map(([k, kind]) => [k, sample(kind)]));
      const options = toProviderOptions(name, json);
      const provider = { returnMetadata: true, [name]: options } as GenerativeProvider;
      const decoded = GenerativeProvider.decode(
        GenerativeProvider.encode(provider).finish(),
      ) as unknown as Record<string, unknown>;
      expect(decoded[name]).toEqual(options);
      for (const [k, kind] of Object.entries(fields)) {
        if (kind === "int") expect(options[k]).toBe(7n);
        if (kind === "texts") expect(options[k]).toEqual({ values: ["a", "b"] });
        if (Array.isArray(kind)) expect(typeof options[k]).toBe("number");
      }
    },
  );
});

describe("toGenerativeSearch", () => {
  it("sends no provider query when none is named, so the collection's module is used", () => {
    expect(toGenerativeSearch({ singlePrompt: "p" })).toEqual({
      single: { prompt: "p", debug: false, queries: [] },
      grouped: undefined,
    });
  });

  it("sends the same provider query for the single and the grouped part", () => {
    const g = toGenerativeSearch({
      singlePrompt: "p",
      groupedTask: "t",
      provider: { mistral: { maxTokens: 5 } },
    });
    expect(g.single?.queries).toEqual([{ returnMetadata: false, mistral: { maxTokens: 5n } }]);
    expect(g.grouped?.queries).toEqual(g.single?.queries);
    expect(g.grouped?.properties).toBeUndefined();
  });
});
