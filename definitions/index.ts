/** Every procedure definition shipped with the product; add a new procedure here. */
import { abolition } from './abolition/index.js';
import { annualPlan } from './annual-plan/index.js';
import { changeNotice } from './change-notice/index.js';
import { completionExam } from './completion-exam/index.js';
import { dispersedTrainingReport } from './dispersed-training-report/index.js';
import { implementationReport } from './implementation-report/index.js';
import { instructorRoster } from './instructor-roster/index.js';
import { recordRetention } from './record-retention/index.js';
import { createRegistry } from './registry.js';
import { reissue } from './reissue/index.js';
import { skillCheck } from './skill-check/index.js';
import { supervision } from './supervision/index.js';
import { suspension } from './suspension/index.js';

export const allDefinitions = [skillCheck, completionExam, suspension, reissue, changeNotice, abolition, supervision, instructorRoster, dispersedTrainingReport, recordRetention, annualPlan, implementationReport];

export const defaultRegistry = () => createRegistry(allDefinitions);
