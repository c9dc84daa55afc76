// The template's outputs: the publishing endpoint of every partner namespace it deploys (never its access keys,
// which listKeys reads).
import { leafText, TemplateContext } from './context';
import { camelName, quote } from './expressions';
import { resourceIdIn } from './resource-ids';
import { EVENTGRID } from '../../model';

/** The `outputs` member of the template. */
export function renderOutputs(ctx: TemplateContext): { [key: string]: unknown } {
  const out: { [key: string]: unknown } = {};
  for (const e of ctx.entries) {
    if (e.desc.type !== `${EVENTGRID}/partnerNamespaces`) {
      continue;
    }
    let name = camelName(leafText(e), 'endpoint');
    for (let i = 2; out[name] !== undefined; i++) {
      name = `${camelName(leafText(e), 'endpoint')}${i}`;
    }
    out[name] = {
      type: 'string',
      value: `[reference(${resourceIdIn(e, ctx.top)}, ${quote(e.apiVersion)}).endpoint]`,
      metadata: { description: `The publishing endpoint of partner namespace ${leafText(e)} (construct ${e.path}). Its access keys are not outputs: read them with listKeys.` },
    };
  }
  return out;
}
