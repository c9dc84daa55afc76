// What legitimately differs between the two platforms' output, named one by one (docs/contributing.md, "Two
// platforms", lists the same): everything else of the synthesized Terraform must be identical.
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/** The azurerm version a provider binding declares in required_providers (its generator metadata). */
export function azurermVersion(binding: '@cdktf/provider-azurerm' | '@cdktn/provider-azurerm'): string {
  const file = path.join(ROOT, 'node_modules', binding, 'lib', 'provider', 'index.js');
  const m = /providerVersion: ['"]([^'"]+)['"]/.exec(fs.readFileSync(file, 'utf8'));
  if (!m) throw new Error(`${file} names no providerVersion`);
  return m[1];
}

/** The version of cdktf or cdktn installed (what the metadata block of every stack names). */
export function platformVersion(name: 'cdktf' | 'cdktn'): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/**
 * Synthesized JSON text with the platform's formatting undone: cdktf's writer prints an empty object or array over
 * two lines (`{` newline `}`), cdktn's (safe-stable-stringify) as `{}` / `[]`. The parsed JSON is the same.
 */
export function compactEmpty(text: string): string {
  return text.replace(/\{\n\s*\}/g, '{}').replace(/\[\n\s*\]/g, '[]');
}

/** A parsed cdk.tf.json without what the platform writes of itself: the metadata block's version, azurerm's version. */
export function withoutPlatformVersions(tf: any): any {
  const copy = JSON.parse(JSON.stringify(tf));
  if (copy['//']?.metadata) delete copy['//'].metadata.version;
  if (copy.terraform?.required_providers?.azurerm) delete copy.terraform.required_providers.azurerm.version;
  return copy;
}
