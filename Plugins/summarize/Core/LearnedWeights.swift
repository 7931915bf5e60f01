// Placeholder until tools/train.py writes the learned weights.
extension LinearModel {
    public static let learned = LinearModel.only("cosineRank")
}
