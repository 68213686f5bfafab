package org.tejido.national.importing;

import java.util.List;

/** The answer to an import, whether it was written (200) or refused as a whole (422). */
public record ImportReportView(int rowsRead, int imported, List<RejectedRowView> rejected, String mode) {}
