package main

import "github.com/spf13/cobra"

// importCommands are the subcommands of import, each registered from its
// own file's init().
var importCommands []func(*app) *cobra.Command

func init() {
	commands = append(commands, func(a *app) *cobra.Command {
		cmd := &cobra.Command{
			Use:   "import",
			Short: "Bring data in: civicgraph CSV/JSON, Open Referral UK, 360Giving, postcodes",
		}
		for _, c := range importCommands {
			cmd.AddCommand(c(a))
		}
		return cmd
	})
}
