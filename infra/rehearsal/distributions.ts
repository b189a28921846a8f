/**
 * CloudFront in the emulator: every distribution disabled before a destroy
 * (gaps.ts DISTRIBUTIONS_DISABLED_BEFORE_DESTROY), for the dev/prod rehearsals and the
 * tenant-stacks teardown.
 */
import { motoHeaders } from './override';
import { StepError } from './process-run';

/**
 * Every distribution in the emulator disabled (UpdateDistribution with Enabled false, the call
 * the provider's delete makes first). The provider then skips that step and its 30 s sleep.
 */
export async function disableDistributions(endpoint: string): Promise<number> {
  let disabled = 0;
  const list = await (
    await fetch(`${endpoint}/2020-05-31/distribution`, { headers: motoHeaders('cloudfront') })
  ).text();
  const ids = [...list.matchAll(/<Id>([A-Z0-9]+)<\/Id>/g)].map((m) => m[1] as string);
  for (const id of ids) {
    const url = `${endpoint}/2020-05-31/distribution/${id}/config`;
    const current = await fetch(url, { headers: motoHeaders('cloudfront') });
    const config = await current.text();
    const etag = current.headers.get('etag') ?? '';
    // The distribution's own Enabled follows PriceClass (Logging and signers have their own before it).
    const top = /(<\/PriceClass>\s*)<Enabled>true<\/Enabled>/;
    if (!current.ok || !top.test(config)) continue;
    const body = config.replace(top, '$1<Enabled>false</Enabled>');
    const updated = await fetch(url, {
      method: 'PUT',
      body,
      headers: motoHeaders('cloudfront', { 'if-match': etag }),
    });
    if (!updated.ok)
      throw new StepError(`disabling distribution ${id} in moto: ${updated.status} ${await updated.text()}`);
    disabled += 1;
  }
  return disabled;
}
