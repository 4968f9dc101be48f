package main

import (
	"github.com/spf13/cobra"
)

// newRootCmd builds the seglab command tree. Every subcommand is constructed by its own
// new…Cmd function in a file of the same name.
func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "seglab",
		Short: "Customer segmentation workbench for power supply companies",
		Long: `seglab segments the customers of a power supply company.

Run with no arguments, it opens the workbench on the built-in sample exports.
The subcommands do the same work headless, for scripts and large files.

Exit status: 0 done; 1 bad input or a failed task (one message naming the file, line and
column); 2 wrong usage; 3 an internal fault; 130 or 143 stopped by Ctrl-C (SIGINT) or SIGTERM,
within about a second and with no output written. A second Ctrl-C ends seglab at once.`,
		Args:          cobra.NoArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWorkbench(cmd, nil)
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.PersistentFlags().String("lang", "", "workbench language, en or zh (default from LC_ALL, LC_MESSAGES or LANG)")
	for _, sub := range []*cobra.Command{
		newOpenCmd(),
		newSampleCmd(),
		newDescribeCmd(),
		newAhpCmd(),
		newBuildCmd(),
		newFeaturesCmd(),
		newExportsCmd(),
		newMapCmd(),
		newSweepCmd(),
		newClusterCmd(),
		newProfileCmd(),
		newValueCmd(),
		newPaymentCmd(),
		newBusinessCmd(),
		newScoreCmd(),
		newSQLCmd(),
		newDefinitionCmd(),
		newReportCmd(),
	} {
		root.AddCommand(sub)
	}
	addWorkspaceFlag(root)
	markUsageErrors(root)
	return root
}

// markUsageErrors makes argument-count mistakes of cmd and its children usage errors, so that
// they exit with status 2 like flag mistakes do.
func markUsageErrors(cmd *cobra.Command) {
	if args := cmd.Args; args != nil {
		cmd.Args = func(c *cobra.Command, a []string) error {
			if err := args(c, a); err != nil {
				return &usageError{err}
			}
			return nil
		}
	}
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	for _, sub := range cmd.Commands() {
		markUsageErrors(sub)
	}
}
