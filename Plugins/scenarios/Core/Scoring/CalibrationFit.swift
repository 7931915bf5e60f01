// Written by Plugins/scenarios/tools/fit_calibration.py (placeholder until the first fit).
enum CalibrationFit {
    static let semantic = 12.0
    static let lexical = 8.0
    static let evidence = 0.5
}
