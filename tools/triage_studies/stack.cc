// Study tool (docs/triage.md, third round), not part of the product: a stacking check.
// Multinomial logistic regression (L2, class-balanced, full-batch gradient descent with momentum)
// on rows "y fold f1 f2 ..."; cross-validated over the given fold column; prints macro-F1 using
// feature columns [0, na) (arm A) and [0, nb) (arm B). Usage: stack ROWS na nb l2
// Build: g++ -O2 -o stack stack.cc
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
using namespace std;
int main(int argc, char** argv) {
  ifstream in(argv[1]);
  int na = atoi(argv[2]);
  int nb = atoi(argv[3]);
  double l2 = atof(argv[4]);
  vector<int> y, fold;
  vector<vector<double>> X;
  string line;
  int K = 0, F = 0;
  while (getline(in, line)) {
    istringstream s(line);
    int a, b;
    s >> a >> b;
    y.push_back(a);
    fold.push_back(b);
    vector<double> r;
    double v;
    while (s >> v) r.push_back(v);
    X.push_back(r);
    K = max(K, a + 1);
    F = max(F, b + 1);
  }
  size_t n = y.size();
  for (int arm = 0; arm < 2; ++arm) {
    int d = arm == 0 ? na : nb;
    vector<int> pred(n);
    for (int f = 0; f < F; ++f) {
      vector<size_t> tr;
      for (size_t i = 0; i < n; ++i)
        if (fold[i] != f) tr.push_back(i);
      vector<double> mu(d, 0), sd(d, 0);
      for (size_t i : tr)
        for (int j = 0; j < d; ++j) mu[j] += X[i][j];
      for (int j = 0; j < d; ++j) mu[j] /= tr.size();
      for (size_t i : tr)
        for (int j = 0; j < d; ++j) sd[j] += (X[i][j] - mu[j]) * (X[i][j] - mu[j]);
      for (int j = 0; j < d; ++j) sd[j] = sqrt(sd[j] / tr.size()) + 1e-9;
      vector<double> cnt(K, 0);
      for (size_t i : tr) cnt[y[i]]++;
      vector<double> cw(K);
      for (int c = 0; c < K; ++c) cw[c] = tr.size() / (K * max(1.0, cnt[c]));
      vector<double> W((d + 1) * K, 0), V((d + 1) * K, 0), G((d + 1) * K);
      vector<double> z(d + 1), p(K);
      for (int it = 0; it < 400; ++it) {
        fill(G.begin(), G.end(), 0);
        double wsum = 0;
        for (size_t i : tr) {
          for (int j = 0; j < d; ++j) z[j] = (X[i][j] - mu[j]) / sd[j];
          z[d] = 1;
          double mx = -1e30;
          for (int c = 0; c < K; ++c) {
            double s = 0;
            for (int j = 0; j <= d; ++j) s += W[j * K + c] * z[j];
            p[c] = s;
            mx = max(mx, s);
          }
          double sum = 0;
          for (int c = 0; c < K; ++c) {
            p[c] = exp(p[c] - mx);
            sum += p[c];
          }
          double w = cw[y[i]];
          wsum += w;
          for (int c = 0; c < K; ++c) {
            double g = w * (p[c] / sum - (c == y[i]));
            for (int j = 0; j <= d; ++j) G[j * K + c] += g * z[j];
          }
        }
        for (size_t q = 0; q < W.size(); ++q) {
          double g = G[q] / wsum + (q < (size_t)d * K ? l2 * W[q] : 0);
          V[q] = 0.9 * V[q] - 0.2 * g;
          W[q] += V[q];
        }
      }
      for (size_t i = 0; i < n; ++i)
        if (fold[i] == f) {
          for (int j = 0; j < d; ++j) z[j] = (X[i][j] - mu[j]) / sd[j];
          z[d] = 1;
          int best = 0;
          double bv = -1e30;
          for (int c = 0; c < K; ++c) {
            double s = 0;
            for (int j = 0; j <= d; ++j) s += W[j * K + c] * z[j];
            if (s > bv) {
              bv = s;
              best = c;
            }
          }
          pred[i] = best;
        }
    }
    double mf = 0;
    for (int c = 0; c < K; ++c) {
      double tp = 0, fp = 0, fn = 0;
      for (size_t i = 0; i < n; ++i) {
        tp += pred[i] == c && y[i] == c;
        fp += pred[i] == c && y[i] != c;
        fn += pred[i] != c && y[i] == c;
      }
      mf += tp > 0 ? 2 * tp / (2 * tp + fp + fn) : 0;
    }
    printf("arm %c (d=%d): macro-F1 %.4f\n", arm == 0 ? 'A' : 'B', d, mf / K);
  }
}
