/**
 * Home-realm discovery rules, free of I/O: the exact email domain first, then an opt-in
 * fallback to a parent domain whose tenant set `includeSubdomains`. The rule itself lives
 * in the registry (`domain-match`) because pre-token-gen must apply exactly the same one
 * when it checks a signed-in user's address (#19.7).
 */
export {
  candidateDomains,
  type DomainMatch as MatchResult,
  MAX_LOOKUPS_PER_MATCH as MAX_LOOKUPS_PER_REQUEST,
  MAX_PARENT_LOOKUPS,
  matchDomain as matchTenant,
} from '@cognito-tenancy/registry/domain-match';
