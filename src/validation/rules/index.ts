// The library's rules, one file each (metadata, rationale, fix, refused and accepted examples, source, and for synth
// rules the check). Adding a rule: its file, its line here, and its tests (its examples run as refused and accepted
// cases in test/validation/rule-docs.test.ts; cases beyond them beside the construct's tests). Ids are never reused
// (retired ids: registry.ts).
export { EGP001 } from './egp001-one-channel-per-topic';
export { EGP002 } from './egp002-cloudevents-only';
export { EGP003 } from './egp003-routing-mode-matches-channel-kind';
export { EGP004 } from './egp004-subscription-ids-are-guids';
export { EGP005 } from './egp005-activation-message-length';
export { EGP006 } from './egp006-channel-expiry-range';
export { EGP007 } from './egp007-event-types-named-once';
export { EGP008 } from './egp008-resource-names';
export { EGP009 } from './egp009-advanced-filter-limits';
export { EGP010 } from './egp010-api-version-settings';
export { EGP012 } from './egp012-channel-names-unique-per-region';
export { EGP013 } from './egp013-subscriptions-per-topic';
export { EGP014 } from './egp014-retry-policy-ranges';
export { EGP015 } from './egp015-batch-size-ranges';
export { EGP016 } from './egp016-event-subscription-names';
export { EGP017 } from './egp017-authorization-expiry';
export { EGP018 } from './egp018-webhook-https';
export { EGP019 } from './egp019-delivery-identity';
export { EGP020 } from './egp020-topic-in-namespace-region';
export { EGP021 } from './egp021-one-event-channel-per-source';
export { EGP022 } from './egp022-entra-id-publishing';
export { EGP023 } from './egp023-minimum-tls';
export { EGP024 } from './egp024-public-network-access';
export { EGP025 } from './egp025-legacy-preview-api';
export { EGP026 } from './egp026-one-partner-configuration-per-group';
export { EGP027 } from './egp027-subscription-names-unique-per-topic';
export { EGP028 } from './egp028-namespace-names-unique-per-region';
export { EGP029 } from './egp029-arm-template-capacity';
export { EGP030 } from './egp030-required-values';
export { EGP031 } from './egp031-ip-rules-are-ipv4-cidr';
export { EGP032 } from './egp032-arm-ids-of-expected-type';
export { EGP033 } from './egp033-delivery-attributes';
export { EGP034 } from './egp034-storage-names';
export { EGP035 } from './egp035-queue-message-ttl';
export { EGP036 } from './egp036-partner-topic-identity';
export { EGP037 } from './egp037-fleet-options';
export { EGP038 } from './egp038-imported-attributes';
export { EGP039 } from './egp039-included-event-types';
export { EGP040 } from './egp040-subscription-expiry-timestamp';
export { EGP041 } from './egp041-partners-authorized-once';
export { EGP042 } from './egp042-verified-partner-name';
export { EGP043 } from './egp043-webhook-entra-settings';
