import Foundation

exit(Galley.main(CommandLine.arguments))
