// One azapi `azapi_resource` block with `for_each` over instances known at synth, keyed by a stable key: how a
// fleet shard renders its hundreds of channels as one block instead of one block (and one cdktf object) each.
//
// The instances are plain data (names, and bodies of strings). cdktf resolves a stack's whole Terraform
// twice, value by value, which for 100,000 channels costs seconds; instances that hold no token need no resolution,
// so the block renders a marker for `for_each` and the instances are put in its place after cdktf has resolved the
// stack (literal-splice.ts). Instances that hold a token (a Terraform function, a reference) are left to cdktf.
import { Lazy, TerraformResource } from 'cdktf';
import { makeUniqueId } from 'cdktf/lib/private/unique';
import { Construct } from 'constructs';
import { afterStackResolution } from './artifacts';
import { instanceAttributeReference } from './attribute-reference';
import { AZAPI_METADATA, LateDependencies, withLateDependencies } from './azapi';
import { literalAttribute, newLiteralMarker, splicesLiterals } from './literal-splice';
import { appSynthRun } from './output-gates';

/** One instance: what `each.value` holds. */
export interface AzapiInstance {
  readonly name: string;
  readonly body: { [key: string]: any };
}

/** A `moved` block from a resource's earlier address (one block per resource) to an instance of this one. */
export interface AzapiInstanceMove {
  readonly key: string;
  /** The construct path of the earlier block below its stack (`Namespace0/customer-1/Resource`). */
  readonly fromPath: readonly string[];
}

export interface AzapiResourceSetArgs {
  /** `<resource type>@<api version>`, the same for every instance. */
  readonly type: string;
  /** The ARM id of every instance's parent: `parent_id`, and the id azapi locks while it writes an instance. */
  readonly parentId: string;
  /** The instances by key, read at synth (each render): what `for_each` holds. */
  readonly instances: () => { readonly [key: string]: AzapiInstance };
  /** Paths in `body` whose change replaces an instance (`replace_triggers_refs`). */
  readonly replaceTriggersRefs?: readonly string[];
  /** `lifecycle.ignore_changes`, read at synth. */
  readonly ignoreChanges?: () => readonly string[];
  readonly lateDependsOn?: LateDependencies;
  /** The `moved` blocks the stack gets, read at synth. */
  readonly moves?: () => readonly AzapiInstanceMove[];
}

/** `azapi_resource` with `for_each` over `instances`, one ARM resource per key. */
export class AzapiResourceSet extends TerraformResource {
  /** What `for_each` shows until the stack is resolved (see literal-splice.ts). */
  private readonly marker = newLiteralMarker();
  /** The meta-arguments rendered in the `app.synth()` run `run`. */
  private rendered?: { readonly run: number; readonly meta: { [name: string]: any } };

  constructor(scope: Construct, id: string, private readonly args: AzapiResourceSetArgs) {
    super(scope, id, { terraformResourceType: 'azapi_resource', terraformGeneratorMetadata: AZAPI_METADATA });
    splicesLiterals(this);
    afterStackResolution(this, (terraform) => this.finish(terraform));
  }

  public get terraformMetaArguments(): { [name: string]: any } {
    // cdktf reads them twice per synth (to prepare the stack, then to render it): within one `app.synth()` run
    // nothing can change in between, so the instances are read from the model once
    const run = appSynthRun(this);
    if (run !== undefined && this.rendered?.run === run) {
      return this.rendered.meta;
    }
    const forEach = this.renderForEach(); // first: reading the instances finds the dependencies
    const base = withLateDependencies(this, super.terraformMetaArguments, this.args.lateDependsOn, undefined);
    const ignore = this.args.ignoreChanges?.() ?? [];
    const meta = {
      ...base,
      forEach,
      lifecycle: ignore.length === 0 ? base.lifecycle : { ...base.lifecycle, ignoreChanges: [...ignore] },
    };
    this.rendered = run === undefined ? undefined : { run, meta };
    return meta;
  }

  /** The token of an attribute (`id`, `name`, `body.properties.x`) of the instance `key`. */
  public instanceAttribute(key: string, attribute: string): string {
    return instanceAttributeReference(this, key, attribute);
  }

  /**
   * `for_each`: the marker, with the instances kept to be spliced in; or, when they hold tokens, the instances for
   * cdktf to resolve (behind a token, so that cdktf does not turn their keys into snake case as it does meta-arguments).
   */
  private renderForEach(): unknown {
    const forEach = this.args.instances();
    const rendered = literalAttribute(this, this.marker, forEach);
    return rendered === this.marker ? rendered : Lazy.anyValue({ produce: () => forEach });
  }

  protected synthesizeAttributes(): { [name: string]: any } {
    const refs = this.args.replaceTriggersRefs;
    return {
      type: this.args.type,
      name: '${each.value.name}',
      parent_id: this.args.parentId,
      body: '${each.value.body}',
      locks: [this.args.parentId],
      replace_triggers_refs: refs && refs.length > 0 ? [...refs] : undefined,
    };
  }

  /** Adds the `moved` blocks (the instances are spliced in by literal-splice.ts). */
  private finish(terraform: any): void {
    const block = terraform.resource?.[this.terraformResourceType]?.[this.friendlyUniqueId];
    this.rendered = undefined; // the rendering is written: keep nothing of it
    const moves = this.args.moves?.() ?? [];
    if (block !== undefined && moves.length > 0) {
      const to = `${this.terraformResourceType}.${this.friendlyUniqueId}`;
      terraform.moved = [...(terraform.moved ?? []), ...moves.map((m) => ({
        from: `${this.terraformResourceType}.${makeUniqueId([...m.fromPath])}`,
        to: `${to}[${JSON.stringify(m.key)}]`,
      }))];
    }
  }
}
