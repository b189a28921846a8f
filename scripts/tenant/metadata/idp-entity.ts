/**
 * Finds the one IdP entity Cognito will use. Federation exports nest EntitiesDescriptor
 * elements and list service providers beside the IdP, so IdP entities are counted at any
 * depth: exactly one is needed, whatever else the document lists.
 */
import type { Issue } from '../findings';
import { EXPORT_AGAIN, error, idpDescriptor, SAML_METADATA_NS } from './metadata-names';
import type { XmlElement } from './xml';

/** The entity to review, or why there is none. */
export function findIdpEntity(root: XmlElement): { entity: XmlElement } | { issues: Issue[] } {
  if (root.namespace !== SAML_METADATA_NS || !isEntityElement(root)) {
    const ns = root.namespace === '' ? 'no namespace' : `namespace ${root.namespace}`;
    return {
      issues: [
        error(
          'metadata.not-saml-metadata',
          `root element is ${root.localName} in ${ns}; expected EntityDescriptor in ${SAML_METADATA_NS}`,
          EXPORT_AGAIN,
        ),
      ],
    };
  }
  if (root.localName === 'EntityDescriptor') return { entity: root };
  const entities = entityDescriptors(root);
  const idps = entities.filter((e) => idpDescriptor(e) !== undefined);
  if (idps.length === 1) return { entity: idps[0] as XmlElement };
  // No IdP: a lone entity is reviewed so the reason is precise (a service provider, say).
  if (idps.length === 0 && entities.length === 1) return { entity: entities[0] as XmlElement };
  if (idps.length === 0) {
    return {
      issues: [
        error(
          'metadata.no-idp-entity',
          `metadata lists ${entities.length} entities and none is a SAML 2.0 identity provider (IDPSSODescriptor)`,
          "use the metadata of the tenant's IdP, not the SP (Cognito) metadata",
        ),
      ],
    };
  }
  const ids = idps.slice(0, 3).map((e) => `'${e.attributes.get('entityID') ?? ''}'`);
  const more = idps.length > ids.length ? ', ...' : '';
  return {
    issues: [
      error(
        'metadata.many-entities',
        `metadata lists ${idps.length} identity providers (${ids.join(', ')}${more}); Cognito needs the metadata of exactly one IdP`,
        "export only this tenant's IdP (one EntityDescriptor with an IDPSSODescriptor)",
      ),
    ],
  };
}

const isEntityElement = (el: XmlElement) =>
  el.localName === 'EntityDescriptor' || el.localName === 'EntitiesDescriptor';

/** Every EntityDescriptor under nested EntitiesDescriptor elements (iterative: depth is capped anyway). */
function entityDescriptors(root: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  const pending = [root];
  for (let i = 0; i < pending.length; i += 1) {
    for (const child of (pending[i] as XmlElement).children) {
      if (child.namespace !== SAML_METADATA_NS) continue;
      if (child.localName === 'EntityDescriptor') found.push(child);
      else if (child.localName === 'EntitiesDescriptor') pending.push(child);
    }
  }
  return found;
}
