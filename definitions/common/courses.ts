/** 訓練科 (系・科) as definitions name them to one another: what a case concerns, and whether two are the same. */
import type { CourseRef } from '../types.js';

/** Only 系 and 科 of a course that carries more (課程, 級, 訓練の種類). */
export const courseRef = ({ kei, ka }: CourseRef): CourseRef => ({ kei, ka });

/** Names as filed: no normalisation, spaces around them aside (a school types its own 科 names the same way). */
export const sameCourse = (a: CourseRef, b: CourseRef): boolean => a.kei.trim() === b.kei.trim() && a.ka.trim() === b.ka.trim();
