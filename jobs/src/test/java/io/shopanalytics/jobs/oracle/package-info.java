/**
 * The test oracle: an independent plain-Java implementation of the analytics contract
 * (docs/CONTRACT.md), written without Spark and without the jobs' code, that the Spark results are
 * compared with. Its own tests pin its rules on small hand-computed cases, so that a disagreement
 * with the jobs can be blamed on one side or the other.
 */
package io.shopanalytics.jobs.oracle;
