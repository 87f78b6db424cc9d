/**
 * The report of {@code scripts/mpdp robe-experiment}: session CSVs into HdrHistograms, table, CSV, plots and
 * the {@code robe PROFILE MODE: ...} summary lines.
 */
package org.mpdp.robe.report;
