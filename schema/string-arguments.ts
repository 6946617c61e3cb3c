import { defaultFieldResolver, getNamedType, GraphQLSchema, isInputObjectType, isObjectType } from "graphql";
import { Extensions, getMetadataStorage } from "type-graphql";
import { badInput } from "./input-errors";
import type { MutationResult } from "./mutations/payload";
import { argumentOf, carriesStrings, FREE_TEXT_MAX_LENGTH, maxLengthOf, printInputPath, StringProblem, stringProblems } from "./validation/strings";

/** Limits declared on input classes, by class and field: see inheritLimits. */
const declaredLimits = new Map<Function, Map<string, number>>();

/** Declares an argument's or input field's longest string, when it is not the default (schema/validation/strings.ts). */
export function MaxLength(characters: number): PropertyDecorator {
  const extensions = Extensions({ maxLength: characters });
  return (prototype, property) => {
    extensions(prototype, property);
    const limits = declaredLimits.get(prototype.constructor) ?? new Map<string, number>();
    declaredLimits.set(prototype.constructor, limits.set(String(property), characters));
  };
}

/** Marks a free-text input field: bounded by the free-text ceiling here, by its own limit in its mutation. */
export const FreeText = () => MaxLength(FREE_TEXT_MAX_LENGTH);

/**
 * Gives inherited input fields the limit their class declared: type-graphql copies only the type,
 * description and default of a field an input type inherits (CreateEventInput from EventFields), not
 * its extensions.
 */
function inheritLimits(schema: GraphQLSchema): void {
  for (const { name, target } of getMetadataStorage().inputTypes) {
    const type = schema.getType(name);
    if (!isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.extensions.maxLength !== undefined) continue;
      for (let owner: Function | null = target; owner && owner !== Function.prototype; owner = Object.getPrototypeOf(owner)) {
        const limit = declaredLimits.get(owner)?.get(field.name);
        if (limit === undefined) continue;
        (field as { extensions: object }).extensions = { ...field.extensions, maxLength: limit };
        break;
      }
    }
  }
}

/** A mutation refused for its strings, in the payload as every mutation answers invalid input. */
function refusedMutation(problems: StringProblem[]): MutationResult {
  // Messages name the field from inside the input, as the mutations' own checks do.
  const errors = problems.map(({ path, message }) => ({
    code: "INVALID_INPUT" as const, message: `${(path.length > 1 ? path.slice(1) : path).join(".")} ${message}`, path: path.map(String),
  }));
  return { record: null, errors, replayed: false };
}

/**
 * Checks every string of every argument before the field resolves, so that none reaches a resolver,
 * a filter or SQL unchecked (NUL, lone surrogates, length; see schema/validation/strings.ts): a read
 * answers BAD_USER_INPUT with the `argument` concerned, a mutation INVALID_INPUT in its payload.
 * It wraps only the fields whose arguments can hold a string, and reads their coerced values.
 */
export function guardStringArguments(schema: GraphQLSchema): void {
  inheritLimits(schema);
  const mutationType = schema.getMutationType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const checked = field.args.filter((arg) => carriesStrings(arg.type));
      if (!checked.length) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      // Mutations answer invalid input in their payload's `errors`; anything else as a GraphQL error.
      const returned = getNamedType(field.type);
      const answersInPayload = type === mutationType && isObjectType(returned) && "errors" in returned.getFields();
      field.resolve = (source, args, context, info) => {
        const problems: StringProblem[] = [];
        for (const arg of checked) stringProblems(arg.type, args[arg.name], [arg.name], maxLengthOf(arg.extensions), problems);
        if (problems.length) {
          if (answersInPayload) return refusedMutation(problems);
          const [{ path, message, reason }] = problems;
          throw badInput(`"${printInputPath(path)}" ${message}`, { argument: argumentOf(path), reason });
        }
        return resolve(source, args, context, info);
      };
    }
  }
}
