import Foundation

exit(TraceMapCommand.main(Array(CommandLine.arguments.dropFirst())))
