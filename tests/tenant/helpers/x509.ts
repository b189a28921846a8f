/**
 * The tenant tests' certificates come from the local stack's builder, which also signs the
 * local SAML IdPs' metadata: one DER encoder for both.
 */
export * from '@cognito-tenancy/local-stack/saml/self-signed-certificate';
