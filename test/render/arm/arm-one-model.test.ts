// One model, two renderings: the synthesized Terraform and the ARM template describe the same partner resources
// with the same properties. Each azapi body (with its sensitive_body merged in, as azapi sends it) equals the ARM
// resource's properties once references are mapped; the azurerm-rendered resources are compared field by field.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { addAllExamples } from '../../../examples/all';
import {
  AdvancedFilter, destinations, Duration, PartnerConfiguration, PartnerEventsApiVersion, PartnerNamespace,
  PartnerTopic, PartnerTopicRoutingMode, PublicNetworkAccess, TlsVersion,
} from '../../../src';
import { ARM_TEMPLATE_FILE } from '../../../src/render/arm/template';
import { newPartnerNamespace, newRegistration } from '../../support/fixtures';
import { mergePatch } from '../../support/merge-patch';
import { readTemplates, templateResources } from '../../support/reference';
import { newStack, SUBSCRIPTION } from '../../support/synth';

interface Renderings {
  readonly tf: any;
  readonly arm: any;
}

function renderingsOf(outdir: string, stack: string): Renderings {
  return {
    tf: JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')),
    arm: JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, ARM_TEMPLATE_FILE), 'utf8')),
  };
}

function fullSynth(stack: TerraformStack): Renderings {
  return renderingsOf(Testing.fullSynth(stack), stack.node.id);
}

/** The Terraform block a `${type.id.attr}` reference names, and the attribute path. */
function referenced(tf: any, token: string): { type: string; block: any; attribute: string[] } | undefined {
  const m = /^\$\{([a-z_]+)\.([A-Za-z0-9_-]+)\.([^}]+)\}$/.exec(token);
  if (!m) return undefined;
  const block = tf.resource?.[m[1]]?.[m[2]];
  return block ? { type: m[1], block, attribute: m[3].split('.') } : undefined;
}

/** A string with `${azapi_resource.x.body.…}` references replaced by the values they read. */
function readBodies(tf: any, value: string): string {
  return value.replace(/\$\{([a-z_]+\.[A-Za-z0-9_-]+\.body\.[^}]+)\}/g, (whole) => {
    const ref = referenced(tf, whole)!;
    return String(ref.attribute.slice(1).reduce((o, k) => o?.[k], ref.block.body));
  });
}

const TF_TO_ARM_TYPE: { [tfType: string]: string } = {
  azurerm_eventgrid_partner_registration: 'Microsoft.EventGrid/partnerRegistrations',
  azurerm_eventgrid_partner_namespace: 'Microsoft.EventGrid/partnerNamespaces',
};

/**
 * Compares a Terraform value with the ARM template's: equal, or an ARM expression standing for the Terraform
 * reference (a resourceId for `${x.id}`, a reference() for an attribute, a parameter for a value the template does
 * not compute, a securestring parameter for a secret of sensitive_body). Returns the differences.
 */
function differences(tfValue: any, armValue: any, at: string, ctx: { tf: any; arm: any; secret: boolean }): string[] {
  if (typeof armValue === 'string' && armValue.startsWith('[') && !armValue.startsWith('[[')) {
    const param = /^\[parameters\('([^']+)'\)\]$/.exec(armValue);
    if (param) {
      const def = ctx.arm.parameters[param[1]];
      if (!def) return [`${at}: undeclared parameter ${param[1]}`];
      if (ctx.secret) {
        return def.type === 'securestring' && typeof tfValue === 'string' ? [] : [`${at}: secret ${JSON.stringify(tfValue)} is not a securestring parameter`];
      }
      const timeadd = /^\$\{timeadd\(time_static\.[^.]+\.rfc3339, "(\d+)h"\)\}$/.exec(String(tfValue));
      if (timeadd) {
        return String(def.defaultValue).includes(`'PT${timeadd[1]}H'`) ? [] : [`${at}: ${tfValue} is not ${def.defaultValue}`];
      }
      return /^\$\{.+\}$/.test(String(tfValue)) ? [] : [`${at}: ${JSON.stringify(tfValue)} became parameter ${param[1]}`];
    }
    const planTime = /^\[if\(empty\(parameters\('([^']+)'\)\), null\(\), parameters\('\1'\)\)\]$/.exec(armValue);
    if (planTime) {
      // a time Terraform sets when it creates the resource: a parameter sent only when given (empty by default)
      const def = ctx.arm.parameters[planTime[1]];
      const hours = /^\$\{timeadd\(plantimestamp\(\), "(\d+)h"\)\}$/.exec(String(tfValue));
      return def && def.defaultValue === '' && hours && def.metadata.description.includes(`${Number(hours[1]) * 3600} seconds`)
        ? [] : [`${at}: ${tfValue} is not ${armValue}`];
    }
    const resourceId = /^\[resourceId\((.*)\)\]$/.exec(armValue);
    if (resourceId) {
      const ref = referenced(ctx.tf, String(tfValue));
      if (!ref || ref.attribute.join('.') !== 'id') return [`${at}: ${armValue} stands for ${tfValue}`];
      const expected = `'${TF_TO_ARM_TYPE[ref.type]}', '${ref.block.name}'`;
      return resourceId[1].endsWith(expected) ? [] : [`${at}: ${armValue} does not name ${ref.type} ${ref.block.name}`];
    }
    return /^\$\{.+\}$/.test(String(tfValue)) ? [] : [`${at}: ${JSON.stringify(tfValue)} became ${armValue}`];
  }
  if (Array.isArray(tfValue) && Array.isArray(armValue)) {
    if (tfValue.length !== armValue.length) return [`${at}: ${tfValue.length} items in Terraform, ${armValue.length} in ARM`];
    return tfValue.flatMap((v, i) => differences(v, armValue[i], `${at}[${i}]`, ctx));
  }
  if (tfValue !== null && typeof tfValue === 'object' && armValue !== null && typeof armValue === 'object' && !Array.isArray(armValue)) {
    const keys = [...new Set([...Object.keys(tfValue), ...Object.keys(armValue)])].sort();
    return keys.flatMap((k) => differences(tfValue[k], armValue[k], `${at}.${k}`, ctx));
  }
  return JSON.stringify(tfValue) === JSON.stringify(armValue) ? [] : [`${at}: ${JSON.stringify(tfValue)} in Terraform, ${JSON.stringify(armValue)} in ARM`];
}

/** The differences between the two renderings of one stack (empty when they describe the same resources). */
function renderingDifferences({ tf, arm }: Renderings): string[] {
  const problems: string[] = [];
  const armResources = templateResources(arm).filter((r) => r.resource.type.startsWith('Microsoft.EventGrid/'));
  const outerGroup = arm.metadata.deployTo.resourceGroup;
  const groupOf = (r: { resourceGroup: string }) => (r.resourceGroup === '<outer>' ? outerGroup : r.resourceGroup);
  const claimed = new Set<any>();
  const find = (type: string, name: string): { resource: any; resourceGroup: string } | undefined => {
    const found = armResources.filter((r) => r.resource.type === type && r.resource.name === name);
    if (found.length !== 1) {
      problems.push(`${type} ${name}: ${found.length} ARM resources`);
      return undefined;
    }
    claimed.add(found[0].resource);
    return found[0];
  };

  // azapi: the body Terraform sends (sensitive_body merged) against the ARM properties.
  for (const [id, r] of Object.entries<any>(tf.resource?.azapi_resource ?? {})) {
    const [type, version] = String(r.type).split('@');
    if (!type.startsWith('Microsoft.EventGrid/partner')) continue;
    // The parent: a resource of the stack (its name), or an id (a partner topic's, maybe through its identity update).
    const parentRef = referenced(tf, r.parent_id);
    const parentId = parentRef?.attribute.join('.') === 'resource_id' ? parentRef.block.resource_id : r.parent_id;
    const parentName = parentRef?.attribute.join('.') === 'id' ? parentRef.block.name : readBodies(tf, String(parentId)).split('/').pop()!;
    const found = find(type, `${parentName}/${r.name}`);
    if (!found) continue;
    if (found.resource.apiVersion !== version) problems.push(`${id}: API version ${version} in Terraform, ${found.resource.apiVersion} in ARM`);
    const body = mergePatch(r.body, r.sensitive_body ?? {});
    const secretPaths = new Set<string>();
    const walk = (v: any, p: string) => {
      if (v !== null && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, `${p}.${k}`));
      else secretPaths.add(p);
    };
    walk(r.sensitive_body?.properties ?? {}, 'properties');
    const ctx = { tf, arm, secret: false };
    const compare = (tfV: any, armV: any, at: string): string[] => {
      if (secretPaths.has(at) && !(armV !== null && typeof armV === 'object')) {
        return differences(tfV, armV, at, { ...ctx, secret: !/deliveryAttributeMappings\.\d+\.(name|type)$/.test(at) && !/isSecret$/.test(at) });
      }
      if (tfV !== null && typeof tfV === 'object' && armV !== null && typeof armV === 'object') {
        const keys = [...new Set([...Object.keys(tfV), ...Object.keys(armV)])].sort();
        return Array.isArray(tfV) ? tfV.flatMap((x: any, i: number) => compare(x, armV[i], `${at}.${i}`)) : keys.flatMap((k) => compare(tfV[k], armV[k], `${at}.${k}`));
      }
      return differences(tfV, armV, at, ctx);
    };
    problems.push(...compare(body.properties, found.resource.properties, 'properties').map((d) => `${id}: ${d}`));
  }

  // azurerm: field by field.
  for (const [id, r] of Object.entries<any>(tf.resource?.azurerm_eventgrid_partner_registration ?? {})) {
    const found = find('Microsoft.EventGrid/partnerRegistrations', r.name);
    if (!found) continue;
    problems.push(...differences(
      { location: 'global', tags: r.tags, properties: {}, resourceGroup: r.resource_group_name },
      { location: found.resource.location, tags: found.resource.tags, properties: found.resource.properties, resourceGroup: groupOf(found) },
      id, { tf, arm, secret: false }));
  }
  for (const [id, r] of Object.entries<any>(tf.resource?.azurerm_eventgrid_partner_namespace ?? {})) {
    const found = find('Microsoft.EventGrid/partnerNamespaces', r.name);
    if (!found) continue;
    const tls = Object.values<any>(tf.resource?.azapi_update_resource ?? {})
      .find((u) => u.resource_id === `\${azurerm_eventgrid_partner_namespace.${id}.id}` && u.body?.properties?.minimumTlsVersionAllowed);
    const p = found.resource.properties;
    problems.push(...differences({
      location: r.location,
      tags: r.tags,
      resourceGroup: r.resource_group_name,
      partnerRegistrationFullyQualifiedId: r.partner_registration_id,
      partnerTopicRoutingMode: r.partner_topic_routing_mode,
      publicNetworkAccess: r.public_network_access,
      localAuthenticationEnabled: r.local_authentication_enabled,
      inboundIpRules: r.inbound_ip_rule?.map((rule: any) => ({ ipMask: rule.ip_mask, action: rule.action })),
      minimumTlsVersionAllowed: tls?.body.properties.minimumTlsVersionAllowed,
    }, {
      location: found.resource.location,
      tags: found.resource.tags,
      resourceGroup: groupOf(found),
      partnerRegistrationFullyQualifiedId: p.partnerRegistrationFullyQualifiedId,
      partnerTopicRoutingMode: p.partnerTopicRoutingMode,
      publicNetworkAccess: p.publicNetworkAccess,
      localAuthenticationEnabled: !p.disableLocalAuth,
      inboundIpRules: p.inboundIpRules,
      minimumTlsVersionAllowed: p.minimumTlsVersionAllowed,
    }, id, { tf, arm, secret: false }));
  }
  const configurations = armResources.filter((r) => r.resource.type === 'Microsoft.EventGrid/partnerConfigurations');
  for (const [id, r] of Object.entries<any>(tf.resource?.azurerm_eventgrid_partner_configuration ?? {})) {
    // One configuration per resource group: the ARM one of the same group.
    const found = configurations.filter((c) => groupOf(c) === r.resource_group_name);
    if (found.length !== 1) {
      problems.push(`${id}: ${found.length} ARM configurations in ${r.resource_group_name}`);
      continue;
    }
    claimed.add(found[0].resource);
    const a = found[0].resource.properties.partnerAuthorization;
    problems.push(...differences(r.default_maximum_expiration_time_in_days, a.defaultMaximumExpirationTimeInDays, `${id}.defaultMaximumExpirationTimeInDays`, { tf, arm, secret: false }));
    problems.push(...differences(r.tags, found[0].resource.tags, `${id}.tags`, { tf, arm, secret: false }));
    const tfPartners: any[] = r.partner_authorization ?? [];
    const armPartners: any[] = a.authorizedPartnersList ?? [];
    if (tfPartners.length !== armPartners.length) {
      problems.push(`${id}: ${tfPartners.length} partners in Terraform, ${armPartners.length} in ARM`);
      continue;
    }
    tfPartners.forEach((tp, i) => {
      const ap = armPartners[i];
      problems.push(...differences({ id: tp.partner_registration_id, name: tp.partner_name }, { id: ap.partnerRegistrationImmutableId, name: ap.partnerName }, `${id}[${i}]`, { tf, arm, secret: false }));
      // The expiry: the same timestamp, or (by the model) left to Azure's default when it is the configuration's maximum.
      const maximumHours = `"${r.default_maximum_expiration_time_in_days * 24}h")}`;
      if (ap.authorizationExpirationTimeInUtc === undefined) {
        if (!String(tp.authorization_expiration_time_in_utc).endsWith(maximumHours)) problems.push(`${id}[${i}]: expiry ${tp.authorization_expiration_time_in_utc} left out of the ARM template`);
      } else {
        problems.push(...differences(tp.authorization_expiration_time_in_utc, ap.authorizationExpirationTimeInUtc, `${id}[${i}].expiry`, { tf, arm, secret: false }));
      }
    });
  }
  for (const r of armResources) {
    if (!claimed.has(r.resource)) problems.push(`${r.where}: ${r.resource.type} ${r.resource.name} is in the ARM template only`);
  }
  return problems;
}

describe('the Terraform and ARM renderings describe the same resources with the same properties', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'arm-one-model-'));
  const app = new App({ outdir });
  addAllExamples(app);
  app.synth();

  test.each([...readTemplates(outdir).keys()])('the %s example', (stack) => {
    const renderings = renderingsOf(outdir, stack);
    expect(renderingDifferences(renderings)).toEqual([]);
    expect(templateResources(renderings.arm).length).toBeGreaterThan(0);
  });

  test('the comparison finds a difference (it is not vacuous)', () => {
    const renderings = renderingsOf(outdir, 'contoso-private');
    const arm = JSON.parse(JSON.stringify(renderings.arm));
    arm.resources[2].properties.partnerTopicInfo.source = 'com.contoso.other';
    arm.resources[1].properties.publicNetworkAccess = 'Disabled';
    expect(renderingDifferences({ tf: renderings.tf, arm })).toEqual([
      expect.stringMatching(/partnerTopicInfo\.source: "com\.contoso\.private" in Terraform, "com\.contoso\.other" in ARM/),
      expect.stringMatching(/publicNetworkAccess: "Enabled" in Terraform, "Disabled" in ARM/),
    ]);
  });

  test('API 2022-06-15, IP rules, no local auth, event channels with filters', () => {
    const stack = newStack();
    const registration = newRegistration(stack);
    const ga = new PartnerNamespace(stack, 'Ga', {
      resourceGroupName: 'partner-rg',
      location: 'westus2',
      partnerRegistration: registration,
      namespaceName: 'contoso-ga',
      apiVersion: PartnerEventsApiVersion.V2022_06_15,
      inboundIpRules: [{ ipMask: '203.0.113.0/24' }],
      localAuthEnabled: false,
      publicNetworkAccess: PublicNetworkAccess.ENABLED,
      tags: { env: 'test' },
    });
    ga.addChannel('Customer', {
      partnerTopicSubscriptionId: SUBSCRIPTION,
      partnerTopicResourceGroupName: 'customer-rg',
      partnerTopicName: 'tickets',
      source: 'com.contoso.customer',
      eventTypes: [{ type: 'com.contoso.ticketcreated', description: 'd' }],
      expiresIfNotActivatedAfter: Duration.hours(36),
    });
    const legacy = new PartnerNamespace(stack, 'Legacy', {
      resourceGroupName: 'partner-rg',
      location: 'westus2',
      partnerRegistration: registration,
      namespaceName: 'contoso-legacy',
      routingMode: PartnerTopicRoutingMode.SOURCE_EVENT_ATTRIBUTE,
      minimumTlsVersion: TlsVersion.TLS1_2,
    });
    legacy.addEventChannel('Source', {
      partnerTopicSubscriptionId: SUBSCRIPTION,
      partnerTopicResourceGroupName: 'customer-rg',
      partnerTopicName: 'legacy-tickets',
      source: 'com.contoso.account1',
      partnerTopicFriendlyDescription: 'Tickets',
      advancedFilters: [AdvancedFilter.stringIn('data.kind', ['ticket'])],
      expirationTimeIfNotActivatedUtc: '2026-12-01T00:00:00Z',
    });
    const renderings = fullSynth(stack);
    expect(renderingDifferences(renderings)).toEqual([]);
    const channel = templateResources(renderings.arm).find((r) => r.resource.type === 'Microsoft.EventGrid/partnerNamespaces/channels')!.resource;
    expect(channel.apiVersion).toBe('2022-06-15');
    expect(channel.properties.expirationTimeIfNotActivatedUtc)
      .toBe("[if(empty(parameters('channelExpiryAfter36Hours')), null(), parameters('channelExpiryAfter36Hours'))]");
    expect(renderings.arm.parameters.channelExpiryAfter36Hours.defaultValue).toBe('');
  });

  test('a customer: a webhook with secret delivery attributes, filters, retries and dead letters; a storage queue; two authorizations', () => {
    const stack = newStack();
    new PartnerConfiguration(stack, 'Partners', {
      resourceGroupName: 'customer-rg',
      defaultMaximumExpiration: Duration.days(30),
      authorizedPartners: [
        { partnerRegistrationImmutableId: '941892bc-f5d0-4d1c-8fb5-477570fc2b71', partnerName: 'Contoso', expiresAfter: Duration.days(10) },
        { partnerRegistrationImmutableId: '5362bdb6-ce3e-4d0d-9a5b-3eb92c8aab38', partnerName: 'Fabrikam', expiresAt: '2026-12-01T00:00:00Z' },
      ],
    });
    const topic = PartnerTopic.fromPartnerTopicAttributes(stack, 'Topic', {
      partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'tickets', location: 'westus2',
    });
    const account = `/subscriptions/${SUBSCRIPTION}/resourceGroups/customer-rg/providers/Microsoft.Storage/storageAccounts/acct`;
    topic.addEventSubscription('Hook', {
      eventSubscriptionName: 'hook',
      destination: new destinations.WebHook({
        endpointUrl: 'https://example.com/hook?code=secret',
        maxEventsPerBatch: 5,
        deliveryAttributes: [
          destinations.DeliveryAttributeMapping.secretValue('Authorization', 'Bearer s3cret'),
          destinations.DeliveryAttributeMapping.staticValue('X-Team', 'tickets'),
          destinations.DeliveryAttributeMapping.fromEventField('X-Subject', 'subject'),
        ],
      }),
      advancedFilters: [AdvancedFilter.numberInRange('data.size', [{ lower: 1, upper: 10 }]), AdvancedFilter.isNotNull('data.id')],
      enableAdvancedFilteringOnArrays: true,
      labels: ['a', 'b'],
      expirationTimeUtc: '2027-01-01T00:00:00Z',
      maxDeliveryAttempts: 5,
      eventTimeToLive: Duration.minutes(90),
      deadLetter: { storageAccountId: account, blobContainerName: 'dead' },
    });
    topic.addEventSubscription('Queue', {
      eventSubscriptionName: 'queue',
      destination: new destinations.StorageQueue({ storageAccountId: account, queueName: 'ticket-queue' }),
    });
    const renderings = fullSynth(stack);
    expect(renderingDifferences(renderings)).toEqual([]);
    const text = JSON.stringify(renderings.arm);
    expect(text).not.toContain('Bearer s3cret');
    expect(text).not.toContain('code=secret');
    const hook = templateResources(renderings.arm).find((r) => r.resource.name === 'tickets/hook')!.resource;
    expect(hook.properties.destination.properties.deliveryAttributeMappings).toEqual([
      { name: 'Authorization', type: 'Static', properties: { value: "[parameters('hookAuthorizationValue')]", isSecret: true } },
      { name: 'X-Team', type: 'Static', properties: { value: 'tickets' } },
      { name: 'X-Subject', type: 'Dynamic', properties: { sourceField: 'subject' } },
    ]);
    expect(renderings.arm.parameters.hookAuthorizationValue.type).toBe('securestring');
    expect(renderings.arm.parameters.hookEndpointUrl.type).toBe('securestring');
  });

  test('escape-hatch overrides reach both renderings: azapi bodies and azurerm fields', () => {
    const stack = newStack();
    const { namespace } = newPartnerNamespace(stack);
    const channel = namespace.addChannel('Customer', {
      channelName: 'customer', partnerTopicSubscriptionId: SUBSCRIPTION, partnerTopicResourceGroupName: 'customer-rg', partnerTopicName: 'tickets', source: 'com.contoso.c',
    });
    (channel.node.defaultChild as TerraformResource).addOverride('body.properties.messageForActivation', 'Set by an escape hatch');
    (channel.node.defaultChild as TerraformResource).addOverride('body.properties.readinessState', 'Activated'); // read-only: never sent by ARM
    (namespace.node.defaultChild as TerraformResource).addOverride('public_network_access', 'Disabled');
    (namespace.node.defaultChild as TerraformResource).addOverride('tags', { owner: 'override' });
    const renderings = fullSynth(stack);
    const arm = templateResources(renderings.arm);
    const armChannel = arm.find((r) => r.resource.type === 'Microsoft.EventGrid/partnerNamespaces/channels')!.resource;
    expect(armChannel.properties.messageForActivation).toBe('Set by an escape hatch');
    expect(armChannel.properties.readinessState).toBeUndefined();
    const armNamespace = arm.find((r) => r.resource.type === 'Microsoft.EventGrid/partnerNamespaces')!.resource;
    expect(armNamespace.properties.publicNetworkAccess).toBe('Disabled');
    expect(armNamespace.tags).toEqual({ owner: 'override' });
    // The one difference: the read-only readinessState, which Terraform would send and ARM never does.
    expect(renderingDifferences(renderings)).toEqual([
      expect.stringMatching(/properties\.readinessState: "Activated" in Terraform, undefined in ARM/),
    ]);
  });
});
