package mlkata.cli;

import mlkata.grading.Kata;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * A small line diff (longest common subsequence), printed as unified-diff hunks with 3 lines of context.
 * Kata files are a few hundred lines, so the quadratic table is cheap.
 */
final class LineDiff {
  private LineDiff() {}

  /** One line of the edit script: ' ' kept, '-' only in a, '+' only in b; 1-based line numbers. */
  record Edit(char op, String text, int lineA, int lineB) {}

  static List<Edit> diff(List<String> a, List<String> b, BiPredicate<String, String> same) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = same.test(a.get(i), b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Edit> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && same.test(a.get(i), b.get(j))) {
        out.add(new Edit(' ', a.get(i), i + 1, j + 1));
        i++;
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // On a tie the line removed comes first, as in every unified diff: "-old" then "+new".
        out.add(new Edit('-', a.get(i), i + 1, j));
        i++;
      } else {
        out.add(new Edit('+', b.get(j), i, j + 1));
        j++;
      }
    }
    return out;
  }

  /** Unified hunks; an empty list when the files do not differ. */
  static List<String> unified(List<Edit> edits, int context) {
    List<String> out = new ArrayList<>();
    int k = 0;
    while (k < edits.size()) {
      if (edits.get(k).op() == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - context);
      int end = k;
      int lastChange = k;
      while (end < edits.size()) {
        if (edits.get(end).op() != ' ') {
          lastChange = end;
        } else if (end - lastChange > 2 * context) {
          break;
        }
        end++;
      }
      end = Math.min(edits.size(), lastChange + context + 1);
      int aStart = 0;
      int bStart = 0;
      int aCount = 0;
      int bCount = 0;
      for (int x = start; x < end; x++) {
        Edit e = edits.get(x);
        if (e.op() != '+') {
          if (aCount == 0) {
            aStart = e.lineA();
          }
          aCount++;
        }
        if (e.op() != '-') {
          if (bCount == 0) {
            bStart = e.lineB();
          }
          bCount++;
        }
      }
      out.add("@@ -" + aStart + "," + aCount + " +" + bStart + "," + bCount + " @@");
      for (int x = start; x < end; x++) {
        Edit e = edits.get(x);
        out.add(e.op() + e.text());
      }
      k = end;
    }
    return out;
  }
}
