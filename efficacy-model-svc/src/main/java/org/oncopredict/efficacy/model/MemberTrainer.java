package org.oncopredict.efficacy.model;

import java.util.List;

/** Fits one {@link BinaryMember} on design rows with yes/no outcomes. */
interface MemberTrainer {

    BinaryMember fit(List<String> columnNames, List<SparseRow> rows, boolean[] outcomes, long seed, String description);
}
