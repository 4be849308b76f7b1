package main

import "github.com/spf13/cobra"

// importCommands are the subcommands of `civicgraph import`, one per kind
// of data set, each registered from the file that defines it.
var importCommands []func(*app) *cobra.Command

func init() {
	commands = append(commands, func(a *app) *cobra.Command {
		cmd := &cobra.Command{
			Use:   "import",
			Short: "Load a data set into the graph",
		}
		for _, c := range importCommands {
			cmd.AddCommand(c(a))
		}
		return cmd
	})
}
