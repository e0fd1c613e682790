/**
 * The API's shapes under the names the app uses: aliases of the types generated from the
 * server's OpenAPI document (`schema.ts`, see web/README.md "The API contract"). Declare no
 * API shape by hand elsewhere; when the server changes, regenerate and let tsc point at
 * what to fix.
 */
import type { components } from './schema.js';

type Schemas = components['schemas'];

// Accounts and sessions
export type UserView = Schemas['UserView'];
export type CreatedUser = Schemas['CreatedUser'];
export type PasswordReset = Schemas['PasswordReset'];
export type LoginRequest = Schemas['LoginRequest'];
export type ChangePasswordRequest = Schemas['ChangePasswordRequest'];
export type CreateUserRequest = Schemas['CreateUserRequest'];
export type RoleRequest = Schemas['RoleRequest'];
export type ActivateRequest = Schemas['ActivateRequest'];
export type CreateOrganizationRequest = Schemas['CreateOrganizationRequest'];
export type UpdateOrganizationRequest = Schemas['UpdateOrganizationRequest'];
export type AcceptPolicy = Schemas['AcceptPolicy'];
export type AcceptPolicySigned = Schemas['AcceptPolicySigned'];
export type FileWithdrawal = Schemas['FileWithdrawal'];
export type LoginResponse = Schemas['LoginResponse'];
export type SessionView = Schemas['SessionView'];
export type ChallengeView = Schemas['ChallengeView'];
export type OrganizationView = Schemas['OrganizationView'];
export type PolicyView = Schemas['PolicyView'];

// Register and reference data
export type VersionView = Schemas['VersionView'];
export type ObjectInput = Schemas['ObjectInput'];
export type VersionOnly = Schemas['VersionOnly'];
export type MapSettings = Schemas['MapSettings'];
export type OrganismView = Schemas['OrganismView'];
export type CropView = Schemas['CropView'];
export type ObjectTypeView = Schemas['ObjectTypeView'];
export type AdminUnitView = Schemas['AdminUnitView'];
export type ReferenceImportPreview = Schemas['ReferenceImportPreview'];
export type ReferenceImportEntry = Schemas['ReferenceImportEntry'];
export type ReferenceImportApplied = Schemas['ReferenceImportApplied'];
export type DocumentView = Schemas['DocumentView'];

// Field work
export type TaskView = Schemas['TaskView'];
export type TaskInput = Schemas['TaskInput'];
export type CheckView = Schemas['CheckView'];
export type ObjectWarning = Schemas['ObjectWarning'];
export type SurveyView = Schemas['SurveyView'];
export type FindingInput = Schemas['FindingInput'];

// Acts
export type ActView = Schemas['ActView'];
export type ActChange = Schemas['ActChange'];
export type NewAct = Schemas['NewAct'];
export type StepInput = Schemas['StepInput'];
export type EventView = Schemas['EventView'];

// Notifications, audit
export type NotificationView = Schemas['NotificationView'];
export type AuditEntryView = Schemas['AuditEntryView'];
export type VerifyView = Schemas['VerifyView'];

// Sync
export type RecordKind = Schemas['Kind'];
export type PushRecord = Schemas['Record'];
export type PushAnswer = Schemas['PushAnswer'];
export type PushResult = Schemas['RecordResult'];
export type PullAnswer = Schemas['PullAnswer'];
export type PulledChange = Schemas['PulledChange'];

// Quarantine zones and laboratory samples (issue 14)
export type ZoneView = Schemas['ZoneView'];
export type ZoneVersionView = Schemas['ZoneVersionView'];
export type LiftingBasis = Schemas['LiftingBasis'];
export type SampleView = Schemas['SampleView'];
export type FindingResultView = Schemas['FindingResultView'];
/** The Head's dashboard and reports (issue 13). */
export type Report = Schemas['AnalyticsReport'];
/** Findings by region as GeoJSON for the map, and the administrative boundaries it draws. */
export type RegionSummary = Schemas['RegionSummary'];
export type BoundariesState = Schemas['BoundariesState'];
export type BoundariesLoaded = Schemas['BoundariesLoaded'];
