// Public surface of connection profiles (plain JSON files; secrets in the keychain).
export * from '../../../contract/profile-schema'
export { validateProfile, parseProfile, type ProfileIssue, type ProfileValidation } from './profile-validation'
export {
  ProfileStore,
  type ProfileDraft,
  type ListedProfile,
  type InvalidProfileFile,
  type ProfileStoreOptions
} from './profiles'
export { profileToJson } from './profile-files'
export {
  demoProfiles,
  DEMO_PROFILE_IDS,
  DEFAULT_DEMO_PATHS,
  type DemoCredentials,
  type DemoOAuthCredentials,
  type DemoPaths,
  type DemoProfileSet
} from './demo-profiles'
export { primaryUrl, summarizeProfiles } from './profile-summary'
