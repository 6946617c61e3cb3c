import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { CharterSignature } from "../entities/charter-signature.entity";
import { Commune } from "../entities/commune.entity";
import { Organization } from "../entities/organization.entity";
import { Qpv } from "../entities/qpv.entity";
import { CharterSignatureConnection } from "./connections";
import { CharterSignaturesArgs } from "../schema/args/list-args";
import { RequestContext } from "../server/context";
import { charterSignatureConditions } from "../server/queries/filters/activity-conditions";
import { rootConnection } from "../server/queries/list-fields";
import { SOURCES } from "../server/queries/sources";

/** Signatures of the charter for inter-associative cooperation. */
@Resolver(() => CharterSignature)
export class CharterSignatureResolver {
  @Query(() => CharterSignatureConnection, { description: "Signatures of the charter, oldest first." })
  async charterSignatures(@Args() args: CharterSignaturesArgs, @Ctx() ctx: RequestContext) {
    return rootConnection(ctx, SOURCES.charterSignature, await charterSignatureConditions(ctx.loaders, args.filter), args, "SIGNED_ON");
  }

  @FieldResolver(() => Organization, { description: "The signatory organisation." })
  organization(@Root() signature: CharterSignature, @Ctx() ctx: RequestContext) {
    return ctx.loaders.lookup(Organization, signature.organizationId);
  }

  @FieldResolver(() => Commune, { nullable: true, description: "Commune where it was signed." })
  commune(@Root() signature: CharterSignature, @Ctx() ctx: RequestContext) {
    return signature.communeInseeCode ? ctx.loaders.lookup(Commune, signature.communeInseeCode) : null;
  }

  @FieldResolver(() => Qpv, { nullable: true, description: "QPV where it was signed, if any." })
  qpv(@Root() signature: CharterSignature, @Ctx() ctx: RequestContext) {
    return signature.qpvCode ? ctx.loaders.lookup(Qpv, signature.qpvCode) : null;
  }
}
